using Batch.Core.Rows;

namespace Batch.Cli.Reporting;

/// <summary>
/// Wraps the errors writer so that every error row written also reaches the report's tally.
/// Does not own <paramref name="inner"/>: whoever opened it disposes it.
/// </summary>
public sealed class ErrorRowTap(IRowWriter inner, RunReportRecorder recorder) : IRowWriter
{
    public async ValueTask WriteAsync(OutputRow row, CancellationToken cancellationToken)
    {
        await inner.WriteAsync(row, cancellationToken);
        // Counted only once written, so the report agrees with the errors file.
        if (row.IsError) recorder.RecordError(row.Source, row.Line, row.Error ?? "");
    }

    public ValueTask<long> CommitAsync(CancellationToken cancellationToken) => inner.CommitAsync(cancellationToken);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
