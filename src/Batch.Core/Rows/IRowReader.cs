namespace Batch.Core.Rows;

/// <summary>Streams input rows in file order without holding the file in memory.</summary>
public interface IRowReader
{
    IAsyncEnumerable<InputRecord> ReadAsync(CancellationToken cancellationToken);
}
