using Akka.Actor;
using Batch.Core.Rows;
using Batch.Core.Scheduling;
using Batch.Core.Summaries;
using Batch.Engine.Pipeline;
using Batch.Engine.Workers;

namespace Batch.Engine.Summaries;

/// <summary>
/// Runs chunked summaries on the shared worker pool: applies each document's <see cref="SummaryPlanner"/>
/// steps, sends every chunk as its own request (id <c>row#L&lt;depth&gt;.&lt;index&gt;</c>), routes the
/// completions back to their document, and hands the pipeline one completion per document when its
/// last level is done, or when any of its requests fails (the document becomes one error row).
/// Requests in flight never exceed <c>maxRequestsInFlight</c>; the rest wait here, oldest document
/// first, as indexes into prompts the documents already hold — and the documents are bounded by the
/// pipeline's credits, which each one keeps until its row is written.
/// </summary>
public sealed class SummaryCoordinator(SummaryPlanner planner, RequestBuilder requests, int defaultMaxTokens, int maxRequestsInFlight) : IDocumentRouter
{
    private readonly Lock _gate = new();
    private readonly Dictionary<DocumentId, SummaryProgress> _documents = [];
    private readonly Dictionary<DocumentId, PendingRequest> _inFlight = [];
    private readonly Queue<PendingRequest> _waiting = new();

    /// <inheritdoc/>
    public IReadOnlyList<Completion> Submit(PreparedRow row, IActorRef pool)
    {
        var document = new SummaryProgress(row, row.MaxTokens ?? defaultMaxTokens);
        var values = row.Values ?? throw new InvalidOperationException($"row {row.Id} has no field values to summarize");
        // Outside the lock: chunking a long document tokenizes all of it.
        var step = planner.Start(values, document.MaxTokens);
        var finished = new List<Completion>();
        var send = new List<GenerationRequest>();
        lock (_gate)
        {
            _documents[row.Id] = document;
            Apply(document, step, finished);
            Pump(send, finished);
        }
        foreach (var request in send) pool.Tell(new SubmitRow(request));
        return finished;
    }

    /// <inheritdoc/>
    public IReadOnlyList<Completion> Completed(Completion completion, IActorRef pool)
    {
        var finished = new List<Completion>();
        var send = new List<GenerationRequest>();
        lock (_gate)
        {
            if (!_inFlight.Remove(completion.Id, out var request)) return [completion];
            var document = request.Document;
            if (IsCurrent(request))
            {
                if (completion.FinishReason == FinishReason.Error)
                {
                    document.Count(completion);
                    Done(document, Failure(document, $"{Suffix(completion.Id, document)} failed: {completion.Error ?? "unknown error"}"), finished);
                }
                else if (document.Record(request.Index, completion))
                {
                    Apply(document, planner.Next(document.Row.Values!, document.Level!, document.Summaries, document.MaxTokens), finished);
                }
            }
            Pump(send, finished);
        }
        foreach (var next in send) pool.Tell(new SubmitRow(next));
        return finished;
    }

    private void Apply(SummaryProgress document, SummaryStep step, List<Completion> finished)
    {
        switch (step)
        {
            case SummaryStep.Run run:
                document.Begin(run.Level);
                for (var i = 0; i < run.Level.Prompts.Count; i++) _waiting.Enqueue(new PendingRequest(document, run.Level.Depth, i));
                break;
            case SummaryStep.Finish finish:
                Done(document, new Completion(document.Row.Id, finish.Summary, document.LastFinishReason, document.PromptTokens,
                    document.CompletionTokens, TokenIds: document.LastTokenIds), finished);
                break;
            case SummaryStep.Fail fail:
                Done(document, Failure(document, fail.Reason), finished);
                break;
        }
    }

    private void Pump(List<GenerationRequest> send, List<Completion> finished)
    {
        while (_inFlight.Count < maxRequestsInFlight && _waiting.TryDequeue(out var pending))
        {
            // Requests of a document that already failed are dropped here rather than searched out of the queue.
            if (!IsCurrent(pending)) continue;
            var document = pending.Document;
            var id = document.RequestId(pending.Index);
            var row = document.Row with { Id = id, Prompt = document.Level!.Prompts[pending.Index], MaxTokens = document.MaxTokens };
            if (!requests.TryBuild(row, out var request, out var error))
            {
                Done(document, Failure(document, $"{Suffix(id, document)}: {error}"), finished);
                continue;
            }
            _inFlight[id] = pending;
            send.Add(request!);
        }
    }

    private bool IsCurrent(PendingRequest request) =>
        _documents.TryGetValue(request.Document.Row.Id, out var document)
        && ReferenceEquals(document, request.Document)
        && document.Level?.Depth == request.Depth;

    private void Done(SummaryProgress document, Completion completion, List<Completion> finished)
    {
        _documents.Remove(document.Row.Id);
        finished.Add(completion);
    }

    private static Completion Failure(SummaryProgress document, string reason) =>
        new(document.Row.Id, "", FinishReason.Error, document.PromptTokens, document.CompletionTokens, reason);

    /// <summary>"chunk L1.3 of 7": which request of the document, for error messages.</summary>
    private static string Suffix(DocumentId id, SummaryProgress document) =>
        $"chunk {id.Value[(document.Row.Id.Value.Length + 1)..]} of {document.Level!.Prompts.Count}";

    private sealed record PendingRequest(SummaryProgress Document, int Depth, int Index);
}
