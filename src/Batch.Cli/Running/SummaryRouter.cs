using Batch.Core.Jobs;
using Batch.Core.Rows;
using Batch.Core.Summaries;
using Batch.Core.Text;
using Batch.Engine.Pipeline;
using Batch.Engine.Summaries;

namespace Batch.Cli.Running;

/// <summary>Builds the pipeline's router for a job: a <see cref="SummaryCoordinator"/> for chunked summaries, else none.</summary>
public static class SummaryRouter
{
    public static IDocumentRouter? For(JobSpec job, ITokenizer tokenizer, RequestBuilder requests, int slotTokens, int maxRequestsInFlight)
    {
        if (!job.IsChunkedSummary) return null;
        var budget = new SummaryBudget(slotTokens, job.Chunking!.MaxTokens, job.Chunking.Overlap);
        var planner = new SummaryPlanner(tokenizer, new SummaryPrompts(job), budget);
        return new SummaryCoordinator(planner, requests, job.Generation.MaxTokens, maxRequestsInFlight);
    }
}
