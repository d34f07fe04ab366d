namespace Batch.Core.Rows;

/// <summary>
/// Appends output rows; called from one thread at a time. Implementations open either fresh
/// (replacing what was there) or resuming from a position an earlier <see cref="CommitAsync"/>
/// returned, cutting away anything written after it (torn lines, uncommitted rows).
/// </summary>
public interface IRowWriter : IAsyncDisposable
{
    ValueTask WriteAsync(OutputRow row, CancellationToken cancellationToken);

    /// <summary>Makes every row written so far durable (fsync) and returns the position a resume cuts back to.</summary>
    ValueTask<long> CommitAsync(CancellationToken cancellationToken);
}
