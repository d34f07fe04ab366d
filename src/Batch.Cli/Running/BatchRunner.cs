using Akka.Actor;
using Akka.Configuration;
using Batch.Core.Jobs;
using Batch.Core.Rows;
using Batch.Engine.Pipeline;
using Batch.Engine.Workers;
using Batch.IO.Files;
using Batch.IO.Jsonl;
using Batch.Llama;
using Batch.Llama.Decoding;

namespace Batch.Cli.Running;

/// <summary>
/// The composition root of <c>batch run</c>: resolves inputs and the model, loads it, starts
/// the worker pool and the pipeline, reports progress, and turns the outcome into an exit code.
/// </summary>
public sealed class BatchRunner(TextWriter log, bool isTerminal, TimeProvider time, ModelResolver models)
{
    private static readonly Config ActorConfig = ConfigurationFactory.ParseString("""
        akka.loglevel = WARNING
        akka.stdout-loglevel = WARNING
        akka.log-dead-letters = off
        akka.log-dead-letters-during-shutdown = off
        akka.actor.guardian-supervisor-strategy = "Akka.Actor.StoppingSupervisorStrategy"
        batch-worker-dispatcher {
          type = PinnedDispatcher
          executor = thread-pool-executor
        }
        """);

    public async Task<int> RunAsync(JobSpec job, CancellationToken cancellationToken)
    {
        if (!InputFiles.TryExpand(job.BaseDirectory, job.Input.Paths, out var files, out var inputErrors))
        {
            foreach (var e in inputErrors) await log.WriteLineAsync($"error: {e}");
            return ExitCodes.InvalidJob;
        }
        if (!models.TryResolve(job.Model.Path, job.BaseDirectory, log, out var modelPath, out var modelError))
        {
            await log.WriteLineAsync($"error: {modelError}");
            return ExitCodes.Fatal;
        }

        var threads = job.Model.Threads > 0 ? job.Model.Threads : Environment.ProcessorCount;
        if (!LlamaModel.TryLoad(modelPath!, threads, out var loaded, out var loadError))
        {
            await log.WriteLineAsync($"error: {loadError}");
            return ExitCodes.Fatal;
        }
        using var model = loaded!;
        var context = job.Model.Context > 0 ? job.Model.Context : model.TrainedContext;
        var scheduler = job.Scheduler;
        var decoderOptions = new LlamaDecoderOptions(scheduler.MaxSequences, context, scheduler.MaxBatchTokens, threads);
        await log.WriteLineAsync($"model {modelPath}: context {context} per sequence, {scheduler.MaxSequences} sequences, {threads} threads");

        var counters = new RunCounters();
        var workers = new[] { new WorkerMetrics() };
        var outputPath = Path.GetFullPath(job.Output.Path, job.BaseDirectory);
        var pipeline = new BatchPipeline(
            new PipelineSettings(InFlightRows: scheduler.MaxSequences * 4),
            new RowPreparer(job),
            new RequestBuilder(model.Tokenizer, job.Generation, context),
            counters);

        using var stopProgress = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _ = CountRowsAsync(files, counters, stopProgress.Token);
        var progress = new ProgressReporter(counters, workers, log, isTerminal, time).RunAsync(stopProgress.Token);
        var started = time.GetTimestamp();
        var system = ActorSystem.Create("batch", ActorConfig);
        try
        {
            await using var writer = new JsonlRowWriter(outputPath);
            var workerSettings = new WorkerSettings(scheduler.MaxSequences, scheduler.MaxBatchTokens);
            var workerProps = workers.Select((metrics, i) => WorkerActor
                .Props(i, () => model.CreateDecoder(decoderOptions), model.Tokenizer.CreateStreamDecoder, workerSettings, metrics)
                .WithDispatcher("batch-worker-dispatcher")).ToArray();
            await pipeline.RunAsync(new JsonlRowReader(files), writer,
                callbacks => system.ActorOf(WorkerPoolActor.Props(workerProps, scheduler.MaxSequences * 2, callbacks), "workers"),
                cancellationToken);
        }
        catch (PipelineFailedException e)
        {
            await log.WriteLineAsync($"error: {e.Message}");
            return ExitCodes.Fatal;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await log.WriteLineAsync("interrupted");
            return ExitCodes.Interrupted;
        }
        finally
        {
            await stopProgress.CancelAsync();
            await progress;
            await system.Terminate();
        }

        var summary = RunSummary.From(counters, workers, time.GetElapsedTime(started));
        await log.WriteLineAsync(summary.ToString());
        await log.WriteLineAsync($"output: {outputPath}");
        return counters.RowsFailed > 0 ? ExitCodes.FinishedWithFailedRows : ExitCodes.Ok;
    }

    private static async Task CountRowsAsync(IReadOnlyList<string> files, RunCounters counters, CancellationToken cancellationToken)
    {
        try
        {
            counters.RowsTotal = await JsonlRowCounter.CountAsync(files, cancellationToken);
        }
        catch (OperationCanceledException)
        {
        }
    }
}
