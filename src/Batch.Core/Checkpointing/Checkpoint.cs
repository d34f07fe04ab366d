namespace Batch.Core.Checkpointing;

/// <summary>
/// What is durable: the rows done, and where the output and errors files end. Written only after
/// both files were fsynced, so it never claims a row whose output is not on disk.
/// </summary>
public sealed record Checkpoint(
    JobFingerprint Fingerprint,
    IReadOnlyList<SourceCheckpoint> Sources,
    long OutputPosition,
    long ErrorsPosition,
    long RowsOk,
    long RowsFailed,
    bool IsComplete)
{
    public const int FormatVersion = 1;
}
