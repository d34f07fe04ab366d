using Akka.Actor;
using Akka.Configuration;
using Batch.Cli.Reporting;
using Batch.Cli.Structured;
using Batch.Core.Checkpointing;
using Batch.Core.Decoding;
using Batch.Core.Jobs;
using Batch.Core.Rows;
using Batch.Engine.Pipeline;
using Batch.Engine.Workers;
using Batch.IO.Checkpoints;
using Batch.IO.Files;
using Batch.IO.Jsonl;
using Batch.IO.OpenAi;
using Batch.IO.Rows;
using Batch.Llama;
using Batch.Llama.Chat;
using Batch.Llama.Decoding;

namespace Batch.Cli.Running;

/// <summary>
/// The composition root of <c>batch run</c>: resolves inputs and the model, checks the checkpoint,
/// loads the model, starts the worker pool and the pipeline, reports progress, and turns the
/// outcome into an exit code. A stop request drains, checkpoints and exits 130.
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

    public async Task<int> RunAsync(JobSpec job, RunOptions options, CancellationToken stop)
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
        if (!File.Exists(modelPath))
        {
            await log.WriteLineAsync($"error: model file '{modelPath}' does not exist");
            return ExitCodes.Fatal;
        }

        var outputPath = Path.GetFullPath(job.Output.Path, job.BaseDirectory);
        var errorsPath = job.Output.Errors is { } e2 ? Path.GetFullPath(e2, job.BaseDirectory) : Path.ChangeExtension(outputPath, null) + ".errors.jsonl";
        var store = new JsonCheckpointStore(outputPath + ".checkpoint.json");
        // The fingerprint uses the job's context setting, so a changed context is caught before the model loads.
        var fingerprint = JobFingerprints.For(job, modelPath!, job.Model.Context, files);
        if (!ResumePlan.TryLoad(store, fingerprint, options.Restart, out var resume, out var resumeError))
        {
            await log.WriteLineAsync($"error: {resumeError}");
            return ExitCodes.InvalidJob;
        }

        var chat = ChatTemplateResolver.Resolve(job.Model.ChatTemplate, modelPath!);
        var (plan, context, planError) = await JobPlanner.PlanAsync(job, files, modelPath!, chat, stop);
        if (plan is null || planError is not null)
        {
            await log.WriteLineAsync($"error: {planError}");
            return plan is null ? ExitCodes.Fatal : ExitCodes.InvalidJob;
        }

        if (!WorkerLayout.TryCreate(job, Environment.ProcessorCount, out var layout, out var layoutError))
        {
            await log.WriteLineAsync($"error: {layoutError}");
            return ExitCodes.InvalidJob;
        }
        var threads = layout!.ThreadsPerWorker;
        await log.WriteLineAsync($"llama: {LlamaRuntime.EnsureInitialized().Library}");
        if (!LlamaModel.TryLoad(modelPath!, threads, out var loaded, out var loadError))
        {
            await log.WriteLineAsync($"error: {loadError}");
            return ExitCodes.Fatal;
        }
        using var model = loaded!;
        if (!ResponseFormats.TryPrepare(job.ResponseFormat, model, out var outputCheck, out var formatError))
        {
            await log.WriteLineAsync($"error: {formatError}");
            return ExitCodes.InvalidJob;
        }
        // One set of weights per GPU; CPU workers share the one set.
        var deviceModels = new List<LlamaModel>();
        foreach (var gpu in layout.GpuDevices)
        {
            if (!LlamaModel.TryLoad(modelPath!, threads, out var onGpu, out var gpuError, gpu: gpu))
            {
                foreach (var m in deviceModels) m.Dispose();
                await log.WriteLineAsync($"error: cuda:{gpu}: {gpuError}");
                return ExitCodes.Fatal;
            }
            deviceModels.Add(onGpu!);
        }
        using var disposeDeviceModels = new CompositeDisposable(deviceModels);
        LlamaModel ModelFor(int worker) => deviceModels.Count > 0 ? deviceModels[worker] : model;
        // The planner may lower the concurrency to fit kv.memory_budget.
        var scheduler = job.Scheduler with { MaxSequences = plan.Sequences };
        var slotTokens = plan.SlotTokens;
        var share = job.Kv.PrefixSharing && scheduler.MaxSequences > 1;
        var unified = job.Kv.Layout == "unified";
        var decoderOptions = new LlamaDecoderOptions(scheduler.MaxSequences + (share ? 1 : 0), slotTokens, scheduler.MaxBatchTokens, threads, job.Kv.CacheType,
            unified ? plan.PoolTokens : null, job.Workers.LockedDecode);
        await log.WriteLineAsync($"model {modelPath}: {scheduler.MaxSequences} sequences × {slotTokens} tokens (longest row; context {context}), "
            + $"kv {(unified ? "unified" : "split")} {job.Kv.CacheType.Name} {plan.KvBytes / (1024.0 * 1024):N1} MiB{(share ? " incl. a shared-prefix template slot" : "")} per worker, "
            + $"{layout.Count} worker(s) × {threads} threads");
        var checkpoint = resume.Checkpoint;
        if (checkpoint is not null)
            await log.WriteLineAsync($"resuming from {store.Path}: {checkpoint.RowsOk + checkpoint.RowsFailed} rows already done");

        var counters = new RunCounters();
        var workers = Enumerable.Range(0, layout.Count).Select(_ => new WorkerMetrics()).ToArray();
        var inFlightRows = scheduler.MaxSequences * 4;
        var requests = RequestBuilder.ForJob(model.Tokenizer, job, slotTokens,
            chat.Template is { } template ? new LlamaChatTemplate(model.Weights.NativeHandle, template) : null, chat.Problem);
        var pipeline = new BatchPipeline(
            new PipelineSettings(InFlightRows: inFlightRows, IncludeTokenIds: job.Output.IncludeTokenIds, OutputCheck: outputCheck,
                Classify: job.Task == JobTask.Classify ? new ClassifyPrompt(job.Classify) : null,
                RowOutputCheck: job.Input.IsOpenAiBatch ? new RowOutputChecks().For : null),
            new RowPreparer(job),
            requests,
            counters,
            SummaryRouter.For(job, model.Tokenizer, requests, slotTokens, inFlightRows));
        var done = CompletedRows.From(checkpoint?.Sources ?? []);

        using var stopProgress = CancellationTokenSource.CreateLinkedTokenSource(stop);
        var readAs = InputFormats.ReaderFormat(job.Input);
        _ = CountRowsAsync(files, readAs, counters, stopProgress.Token);
        var recorder = options.ReportFolder is null ? null
            : new RunReportRecorder(counters, workers, job with { Scheduler = scheduler, Model = job.Model with { Context = context } },
                options.JobFile ?? "", time);
        var progress = new ProgressReporter(counters, workers, log, isTerminal, time).RunAsync(stopProgress.Token);
        var recording = recorder?.RunAsync(stopProgress.Token) ?? Task.CompletedTask;
        var started = time.GetTimestamp();
        var system = ActorSystem.Create("batch", ActorConfig);
        PipelineOutcome outcome;
        CheckpointingSink sink;
        try
        {
            var openAi = job.Input.IsOpenAiBatch ? new OpenAiBatchOutputFormat(time, Path.GetFileNameWithoutExtension(modelPath!)) : null;
            await using var output = openAi is null
                ? RowWriters.Open(outputPath, job.Output.Carry, checkpoint?.OutputPosition, job.Output.IncludeTokenIds,
                    includeProbabilities: job.Task == JobTask.Classify)
                : OpenAiBatchWriters.OpenOutput(outputPath, checkpoint?.OutputPosition, openAi);
            await using var errors = openAi is null
                ? new JsonlRowWriter(errorsPath, checkpoint?.ErrorsPosition, JsonlRowWriter.WriteError)
                : OpenAiBatchWriters.OpenErrors(errorsPath, checkpoint?.ErrorsPosition, openAi);
            IRowWriter errorsSink = recorder is null ? errors : new ErrorRowTap(errors, recorder);
            sink = new CheckpointingSink(output, errorsSink, store, fingerprint, CompletedRows.From(checkpoint?.Sources ?? []),
                new CheckpointCadence(job.Checkpoint.EveryRows, TimeSpan.FromSeconds(job.Checkpoint.EverySeconds)), time,
                (checkpoint?.RowsOk ?? 0, checkpoint?.RowsFailed ?? 0));
            var workerSettings = new WorkerSettings(scheduler.MaxSequences, scheduler.MaxBatchTokens, job.Kv.BlockSize, share, unified,
                scheduler.AdmissionWindow, job.Kv.PrefixCache && !unified);
            var pooled = workers.Select((metrics, i) => new PooledWorker(WorkerActor
                    .Props(i, () => ModelFor(i).CreateDecoder(decoderOptions), model.Tokenizer.CreateStreamDecoder, workerSettings, metrics)
                    .WithDispatcher("batch-worker-dispatcher"), metrics)).ToArray();
            var poolSettings = new WorkerPoolSettings(scheduler.MaxSequences * 2)
            {
                AdmissionWindow = scheduler.AdmissionWindow,
                FaultInjection = job.Workers.FaultWorker is { } w ? new WorkerFaultInjection(w, job.Workers.FaultAtStep, job.Workers.FaultTimes) : null,
            };
            outcome = await pipeline.RunAsync(RowReaders.Open(files, readAs), sink, done.Contains,
                callbacks => system.ActorOf(WorkerPoolActor.Props(pooled, poolSettings, callbacks), "workers"),
                stop);
        }
        catch (Exception e) when (e is PipelineFailedException or IOException or UnauthorizedAccessException)
        {
            await log.WriteLineAsync($"error: {e.Message}");
            await log.WriteLineAsync("the job is resumable: run the same command again to continue from the last checkpoint");
            return ExitCodes.Fatal;
        }
        finally
        {
            await stopProgress.CancelAsync();
            await progress;
            await recording;
            await system.Terminate();
        }

        var summary = RunSummary.From(counters, workers, time.GetElapsedTime(started));
        await log.WriteLineAsync(summary.ToString());
        if (counters.RowsSkipped > 0) await log.WriteLineAsync($"resumed: {counters.RowsSkipped} rows were already done and not decoded again");
        await log.WriteLineAsync($"output: {outputPath} ({RowWriters.Describe(outputPath)}); errors: {errorsPath}");
        if (recorder is not null)
        {
            var reportFolder = Path.GetFullPath(options.ReportFolder!);
            // Not `stop`: after Ctrl+C it is already cancelled, and a stopped run still gets its report.
            await RunReportWriter.WriteAsync(recorder.Build(summary, outcome), reportFolder, CancellationToken.None);
            await log.WriteLineAsync($"report: {Path.Combine(reportFolder, RunReportWriter.HtmlFileName)}");
        }
        if (outcome == PipelineOutcome.Stopped)
        {
            await log.WriteLineAsync("stopped: progress is checkpointed; run the same command again to resume");
            return ExitCodes.Interrupted;
        }
        return sink.RowsFailed > 0 ? ExitCodes.FinishedWithFailedRows : ExitCodes.Ok;
    }

    private static async Task CountRowsAsync(IReadOnlyList<string> files, RowFormat? format, RunCounters counters, CancellationToken cancellationToken)
    {
        try
        {
            counters.RowsTotal = await RowReaders.CountAsync(files, format, cancellationToken);
        }
        catch (OperationCanceledException)
        {
        }
    }
}
