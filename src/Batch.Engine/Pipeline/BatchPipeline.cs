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
/// and a slow decoder holds the reader back.
/// </summary>
public sealed class BatchPipeline(PipelineSettings settings, RowPreparer preparer, RequestBuilder requests, RunCounters counters)
{
    public async Task RunAsync(IRowReader reader, IRowWriter writer, Func<WorkerPoolCallbacks, IActorRef> startPool, CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var token = linked.Token;
        var credits = new SemaphoreSlim(settings.InFlightRows, settings.InFlightRows);
        var inFlight = new ConcurrentDictionary<DocumentId, PreparedRow>();
        var fatal = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var drained = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        long dispatched = 0, written = 0, total = -1;

        void Fail(string reason)
        {
            if (fatal.TrySetResult(reason)) linked.Cancel();
        }

        var write = new ActionBlock<OutputRow>(async row =>
        {
            await writer.WriteAsync(row, token);
            counters.RowWritten(row.IsError, row.PromptTokens, row.CompletionTokens);
            credits.Release();
            if (Interlocked.Increment(ref written) == Volatile.Read(ref total)) drained.TrySetResult();
        }, new ExecutionDataflowBlockOptions { BoundedCapacity = settings.InFlightRows, CancellationToken = token });
        _ = write.Completion.ContinueWith(t => Fail($"writing the output failed: {t.Exception!.GetBaseException().Message}"),
            CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);

        // A credit is held for every row between dispatch and write, so these posts always find room.
        void Emit(OutputRow row)
        {
            if (!write.Post(row)) Fail("the writer refused a row");
        }

        var pool = startPool(new WorkerPoolCallbacks(
            completion => Emit(ToOutput(inFlight.TryRemove(completion.Id, out var row) ? row : null, completion)),
            Fail));

        var tokenize = new TransformBlock<RowPreparation, WorkItem>(Tokenize, new ExecutionDataflowBlockOptions
        {
            MaxDegreeOfParallelism = settings.TokenizeParallelism,
            BoundedCapacity = settings.StageCapacity,
            EnsureOrdered = false,
            CancellationToken = token,
        });
        var dispatch = new ActionBlock<WorkItem>(async item =>
        {
            await credits.WaitAsync(token);
            Interlocked.Increment(ref dispatched);
            if (item.Failure is not null)
            {
                Emit(item.Failure);
                return;
            }
            inFlight[item.Row!.Id] = item.Row;
            pool.Tell(new SubmitRow(item.Request!));
        }, new ExecutionDataflowBlockOptions { BoundedCapacity = settings.StageCapacity, CancellationToken = token });
        tokenize.LinkTo(dispatch, new DataflowLinkOptions { PropagateCompletion = true });

        try
        {
            await foreach (var record in reader.ReadAsync(token))
            {
                counters.RowRead();
                if (!await tokenize.SendAsync(preparer.Prepare(record), token)) break;
            }
            tokenize.Complete();
            await dispatch.Completion;
            Volatile.Write(ref total, Interlocked.Read(ref dispatched));
            if (Interlocked.Read(ref written) == total) drained.TrySetResult();
            if (await Task.WhenAny(drained.Task, fatal.Task) == fatal.Task) throw new PipelineFailedException(fatal.Task.Result);
            write.Complete();
            await write.Completion;
            await writer.CommitAsync(token);
        }
        catch (OperationCanceledException) when (fatal.Task.IsCompleted && !cancellationToken.IsCancellationRequested)
        {
            throw new PipelineFailedException(fatal.Task.Result);
        }
        finally
        {
            tokenize.Complete();
            write.Complete();
        }
    }

    private WorkItem Tokenize(RowPreparation preparation)
    {
        if (preparation.Row is not { } row) return new WorkItem(null, null, preparation.Failure);
        return requests.TryBuild(row, out var request, out var error)
            ? new WorkItem(row, request, null)
            : new WorkItem(null, null, Failed(row, error!, request?.PromptTokens.Length ?? 0));
    }

    private static OutputRow Failed(PreparedRow row, string error, int promptTokens) =>
        new(row.IdValue, row.Carry, null, FinishReason.Error, promptTokens, 0, $"{row.Source}:{row.Line}: {error}", row.Source, row.Line);

    private static OutputRow ToOutput(PreparedRow? row, Completion c)
    {
        if (row is null) throw new InvalidOperationException($"a completion arrived for unknown row '{c.Id}'");
        return c.FinishReason == FinishReason.Error
            ? Failed(row, c.Error ?? "failed", c.PromptTokens)
            : new OutputRow(row.IdValue, row.Carry, c.Text, c.FinishReason, c.PromptTokens, c.CompletionTokens, null, row.Source, row.Line);
    }
}
