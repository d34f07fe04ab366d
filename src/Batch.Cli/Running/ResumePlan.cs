using Batch.Core.Checkpointing;

namespace Batch.Cli.Running;

/// <summary>Where a run starts: fresh, or from a checkpoint whose fingerprint matches the job.</summary>
public sealed record ResumePlan(Checkpoint? Checkpoint)
{
    public bool IsResume => Checkpoint is not null;

    /// <summary>Loads the checkpoint; refuses (with what changed) when the job is not the one it was written for.</summary>
    public static bool TryLoad(ICheckpointStore store, JobFingerprint fingerprint, bool restart, out ResumePlan plan, out string? error)
    {
        plan = new ResumePlan((Checkpoint?)null);
        if (restart)
        {
            store.Delete();
            error = null;
            return true;
        }
        if (!store.TryLoad(out var checkpoint, out error)) return false;
        if (checkpoint is null) return true;
        var changes = fingerprint.DifferencesFrom(checkpoint.Fingerprint);
        if (changes.Count > 0)
        {
            error = "refusing to resume: the job changed since its checkpoint:\n  - " + string.Join("\n  - ", changes)
                + "\nrun with --restart to start over (the output will be replaced)";
            return false;
        }
        plan = new ResumePlan(checkpoint);
        return true;
    }
}
