namespace Batch.Core.Checkpointing;

/// <summary>Persists the job's checkpoint atomically.</summary>
public interface ICheckpointStore
{
    /// <summary>The last checkpoint; null when there is none; an error when it is unreadable.</summary>
    bool TryLoad(out Checkpoint? checkpoint, out string? error);

    /// <summary>Replaces the checkpoint atomically (temp file, fsync, rename).</summary>
    Task SaveAsync(Checkpoint checkpoint, CancellationToken cancellationToken);

    void Delete();
}
