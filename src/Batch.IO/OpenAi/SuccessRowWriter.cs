using Batch.Core.Rows;

namespace Batch.IO.OpenAi;

/// <summary>
/// Passes only successful rows on: OpenAI's output file holds the requests that succeeded and its error file
/// the rest, while the checkpointing sink hands every row to the output (and error rows to the errors too).
/// </summary>
public sealed class SuccessRowWriter(IRowWriter inner) : IRowWriter
{
    public ValueTask WriteAsync(OutputRow row, CancellationToken cancellationToken) =>
        row.IsError ? ValueTask.CompletedTask : inner.WriteAsync(row, cancellationToken);

    public ValueTask<long> CommitAsync(CancellationToken cancellationToken) => inner.CommitAsync(cancellationToken);

    public ValueTask DisposeAsync() => inner.DisposeAsync();
}
