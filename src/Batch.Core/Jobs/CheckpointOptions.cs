namespace Batch.Core.Jobs;

/// <summary>The <c>checkpoint</c> section: how often durable progress is recorded for resume.</summary>
public sealed record CheckpointOptions
{
    /// <summary>Commit after this many rows were written.</summary>
    public int EveryRows { get; init; } = 100;

    /// <summary>Commit at least this often while rows are being written.</summary>
    public double EverySeconds { get; init; } = 10;
}
