namespace Batch.Core.Rows;

/// <summary>Appends output rows; called from one thread at a time.</summary>
public interface IRowWriter : IAsyncDisposable
{
    ValueTask WriteAsync(OutputRow row, CancellationToken cancellationToken);

    ValueTask FlushAsync(CancellationToken cancellationToken);
}
