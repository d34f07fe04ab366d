using Batch.Cli.Reporting;
using Batch.Core.Jobs;
using Batch.Core.Rows;
using Batch.Core.Scheduling;
using Batch.Engine.Pipeline;
using Batch.Engine.Workers;
using Microsoft.Extensions.Time.Testing;

namespace Batch.Cli.Tests.Reporting;

public sealed class ErrorRowTapTests
{
    [Fact]
    public async Task WriteAsync_ForwardsEveryRow_AndCountsTheErrorRows()
    {
        var recorder = new RunReportRecorder(new RunCounters(), [new WorkerMetrics()], new JobSpec(), "job.yaml", new FakeTimeProvider());
        var inner = new CollectingWriter();
        var tap = new ErrorRowTap(inner, recorder);
        var error = new OutputRow(null, [], null, FinishReason.Error, 0, 0, "a.jsonl:2: missing field 'text'", "a.jsonl", 2);

        await tap.WriteAsync(error, CancellationToken.None);
        await tap.WriteAsync(error with { FinishReason = FinishReason.Stop, Error = null, Output = "ok" }, CancellationToken.None);
        var position = await tap.CommitAsync(CancellationToken.None);

        Assert.Equal(2, inner.Rows.Count);
        Assert.Equal(2, position);
        var reason = Assert.Single(recorder.Build(Reports.Summary(), PipelineOutcome.Completed).Errors.Reasons);
        Assert.Equal("missing field '…'", reason.Reason);
        Assert.Equal(1, reason.Count);
        Assert.Equal(new ErrorExample("a.jsonl", 2, "missing field 'text'"), reason.Examples[0]);
    }

    private sealed class CollectingWriter : IRowWriter
    {
        public List<OutputRow> Rows { get; } = [];

        public ValueTask WriteAsync(OutputRow row, CancellationToken cancellationToken)
        {
            Rows.Add(row);
            return ValueTask.CompletedTask;
        }

        public ValueTask<long> CommitAsync(CancellationToken cancellationToken) => ValueTask.FromResult((long)Rows.Count);

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
