using System.Collections.Concurrent;
using System.Threading.Tasks.Dataflow;
using Akka.Actor;
using Batch.Core.Rows;
using Batch.Core.Scheduling;
using Batch.Engine.Workers;

namespace Batch.Engine.Pipeline;

/// <summary>
/// read → prepare → tokenize (parallel) → dispatch → workers → write, every stage bounded.
/// Each row takes a credit before dispatch and returns it once written, so the rows held
/// between the reader and the writer never exceed <see cref="PipelineSettings.InFlightRows"/>
/// and a slow decoder holds the reader back. Rows already done (a resume) are read, so their ids
/// still count for duplicate detection, and then skipped. With a <paramref name="router"/> (chunked
/// summaries) every row goes to it instead of straight to the pool, and the row's credit is held until
/// the router reports the row done.
/// </summary>
public sealed class BatchPipeline(PipelineSettings settings, RowPreparer preparer, RequestBuilder requests, RunCounters counters, IDocumentRouter? router = null)
{
    private readonly bool includeTokenIds = settings.IncludeTokenIds;

    /// <summary>Runs to the end, or until <paramref name="stop"/>: then rows already written are committed and the rest abandoned.</summary>
    public async Task<PipelineOutcome> RunAsync(
        IRowReader reader,
        CheckpointingSink sink,
        Func<string, long, bool> isDone,
        Func<WorkerPoolCallbacks, IActorRef> startPool,
        CancellationToken stop)
    {
        using var abort = new CancellationTokenSource();
        using var reading = CancellationTokenSource.CreateLinkedTokenSource(stop, abort.Token);
        var credits = new SemaphoreSlim(settings.InFlightRows, settings.InFlightRows);
        var inFlight = new ConcurrentDictionary<DocumentId, PreparedRow>();
        var fatal = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var drained = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        long dispatched = 0, written = 0, total = -1;
        var closing = 0;

        void Fail(string reason)
        {
            if (fatal.TrySetResult(reason)) abort.Cancel();
        }

        // The writer listens only to fatal aborts: on a stop it drains what it was given, so
        // everything written before the stop is committed.
        var write = new ActionBlock<OutputRow>(async row =>
        {
            await sink.WriteAsync(row, abort.Token);
            counters.RowWritten(row.IsError, row.PromptTokens, row.CompletionTokens);
            credits.Release();
            if (Interlocked.Increment(ref written) == Volatile.Read(ref total)) drained.TrySetResult();
        }, new ExecutionDataflowBlockOptions { BoundedCapacity = settings.InFlightRows, CancellationToken = abort.Token });
        _ = write.Completion.ContinueWith(t => Fail($"writing the output failed: {t.Exception!.GetBaseException().Message}"),
            CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);

        // A credit is held for every row between dispatch and write, so these posts always find room;
        // after a stop, late completions are dropped (they are redone on resume).
        void Emit(OutputRow row)
        {
            if (!write.Post(row) && Volatile.Read(ref closing) == 0) Fail("the writer refused a row");
        }

        void Finish(Completion completion)
        {
            if (inFlight.TryRemove(completion.Id, out var row)) Emit(ToOutput(row, completion));
        }

        IActorRef pool = null!;
        pool = startPool(new WorkerPoolCallbacks(
            completion =>
            {
                foreach (var done in router?.Completed(completion, pool) ?? [completion]) Finish(done);
            },
            Fail));

        var options = new ExecutionDataflowBlockOptions
        {
            MaxDegreeOfParallelism = settings.TokenizeParallelism,
            BoundedCapacity = settings.StageCapacity,
            EnsureOrdered = false,
            CancellationToken = reading.Token,
        };
        var tokenize = new TransformBlock<RowPreparation, WorkItem>(Tokenize, options);
        var dispatch = new ActionBlock<WorkItem>(async item =>
        {
            await credits.WaitAsync(reading.Token);
            Interlocked.Increment(ref dispatched);
            if (item.Failure is not null)
            {
                Emit(item.Failure);
                return;
            }
            inFlight[item.Row!.Id] = item.Row;
            if (router is null) pool.Tell(new SubmitRow(item.Request!));
            else foreach (var done in router.Submit(item.Row, pool)) Finish(done);
        }, new ExecutionDataflowBlockOptions { BoundedCapacity = settings.StageCapacity, CancellationToken = reading.Token });
        tokenize.LinkTo(dispatch, new DataflowLinkOptions { PropagateCompletion = true });

        var stopped = false;
        try
        {
            await foreach (var record in reader.ReadAsync(reading.Token))
            {
                var preparation = preparer.Prepare(record);
                if (isDone(record.Source, record.Line))
                {
                    counters.RowSkipped();
                    continue;
                }
                counters.RowRead();
                if (!await tokenize.SendAsync(preparation, reading.Token)) break;
            }
            tokenize.Complete();
            await dispatch.Completion;
            Volatile.Write(ref total, Interlocked.Read(ref dispatched));
            if (Interlocked.Read(ref written) == total) drained.TrySetResult();
            var stopped0 = Task.Delay(Timeout.Infinite, stop);
            var first = await Task.WhenAny(drained.Task, fatal.Task, stopped0);
            stopped = first == stopped0;
        }
        catch (OperationCanceledException) when (!fatal.Task.IsCompleted && stop.IsCancellationRequested)
        {
            stopped = true;
        }
        catch (OperationCanceledException) when (fatal.Task.IsCompleted)
        {
        }
        finally
        {
            tokenize.Complete();
        }

        if (fatal.Task.IsCompleted) throw new PipelineFailedException(fatal.Task.Result);
        Interlocked.Exchange(ref closing, 1);
        write.Complete();
        await write.Completion;
        await sink.CommitAsync(isComplete: !stopped, CancellationToken.None);
        return stopped ? PipelineOutcome.Stopped : PipelineOutcome.Completed;
    }

    private WorkItem Tokenize(RowPreparation preparation)
    {
        if (preparation.Row is not { } row) return new WorkItem(null, null, preparation.Failure);
        // The router plans the row's requests itself: a row too long for one request is its whole point.
        if (router is not null) return new WorkItem(row, null, null);
        return requests.TryBuild(row, out var request, out var error)
            ? new WorkItem(row, request, null)
            : new WorkItem(null, null, Failed(row, error!, request?.PromptTokens.Length ?? 0));
    }

    private static OutputRow Classified(PreparedRow row, Completion c, Classification result) =>
        new(row.IdValue, row.Carry, result.Label, c.FinishReason, c.PromptTokens, 0, null, row.Source, row.Line) { Classification = result };

    private static OutputRow Failed(PreparedRow row, string error, int promptTokens) =>
        new(row.IdValue, row.Carry, null, FinishReason.Error, promptTokens, 0, $"{row.Source}:{row.Line}: {error}", row.Source, row.Line);

    private OutputRow ToOutput(PreparedRow row, Completion c) =>
        c.FinishReason == FinishReason.Error
            ? Failed(row, c.Error ?? "failed", c.PromptTokens)
            : (settings.RowOutputCheck?.Invoke(row) ?? settings.OutputCheck)?.Problem(c) is { } problem
            ? Failed(row, problem, c.PromptTokens) with { CompletionTokens = c.CompletionTokens }
            : c.LabelLogProbabilities is { } scores && settings.Classify is { } classify
            ? Classified(row, c, classify.Decide(scores))
            : new OutputRow(row.IdValue, row.Carry, c.Text, c.FinishReason, c.PromptTokens, c.CompletionTokens, null, row.Source, row.Line,
                includeTokenIds ? c.TokenIds : null) { LogProbabilities = c.LogProbabilities };
}
