using System.Globalization;
using Batch.Cli.Running;
using Batch.Llama;
using Batch.Llama.Gguf;

namespace Batch.Cli.Bench;

/// <summary>
/// The composition root of <c>batch bench</c>: measures the machine's limits, loads the model
/// once, runs every mode <c>--repeat</c> times, round-robin (a fresh decoder and warm-up each time), then the
/// decode probe, and returns the report. Progress goes to <paramref name="log"/>.
/// </summary>
public sealed class BenchRunner(ModelResolver models, TextWriter log)
{
    public bool TryRun(BenchOptions options, CancellationToken cancellationToken, out BenchReport? report, out string? error)
    {
        report = null;
        if (options.Modes.FirstOrDefault(m => m.Workers > 1 && (options.Threads % m.Workers != 0 || options.Sequences % m.Workers != 0)) is { } uneven)
        {
            error = $"mode {uneven.Name}: {uneven.Workers} workers must split --threads ({options.Threads}) and --sequences ({options.Sequences}) evenly";
            return false;
        }
        if (!models.TryResolve(options.ModelReference, Directory.GetCurrentDirectory(), log, out var path, out error)) return false;
        if (!ModelInspector.TryInspect(path!, out var inspection, out error)) return false;

        // Measured before the model loads: nothing else is running and the buffer is gone again before any run.
        log.WriteLine($"measuring memory bandwidth ({ModelInspection.FormatBytes(options.BandwidthBufferBytes)}, threads: {options.Threads})");
        var bandwidth = MemoryBandwidthProbe.MeasureBytesPerSecond(options.BandwidthBufferBytes, options.Threads);
        if (!LlamaModel.TryLoad(path!, options.Threads, out var loaded, out error)) return false;
        using var model = loaded!;
        if (!TryGetWorkload(options, model, out var workload, out error)) return false;

        var kvPerToken = KvCacheBytes.PerToken(inspection.KvCachePerTokenBytes, inspection.KeyCachePerTokenBytes, options.CacheType);
        var machine = new MachineLimits(path!, inspection.FileSizeBytes, inspection.ParameterCount, inspection.Quantization,
            inspection.KvCachePerTokenBytes, KvCacheBytes.Name(options.CacheType), kvPerToken, options.Threads, Environment.ProcessorCount,
            options.BandwidthBufferBytes, bandwidth, bandwidth / inspection.FileSizeBytes, LlamaRuntime.EnsureInitialized().Library);
        log.WriteLine($"workload {workload!.Source}: {workload.Rows.Count} rows, {workload.PromptTokens} prompt + {workload.GeneratedTokens} output tokens");

        var driver = new BenchDriver(model, options.Settings, inspection.KvCachePerTokenBytes, inspection.KeyCachePerTokenBytes, options.Labels);
        var peakIsPerRun = PeakMemory.Reset();
        // Repetitions go round the modes (A B C, A B C, …) rather than mode by mode: this VM's speed
        // drifts by up to ~20% over minutes, and round-robin spreads that drift over every mode alike.
        var runs = options.Modes.ToDictionary(m => m, _ => new List<ModeRun>());
        for (var repeat = 1; repeat <= options.Repeat; repeat++)
        {
            foreach (var mode in options.Modes)
            {
                var run = driver.Run(mode, workload, cancellationToken);
                log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{mode.Name} run {repeat}/{options.Repeat}: {run.WallSeconds:0.00} s, {run.Trace.StepCount} steps"));
                runs[mode].Add(run);
            }
        }
        var modes = options.Modes.Select(m => ModeSummary.From(runs[m])).ToList();

        // Each run already checked its rows against the workload; this states the cross-mode invariant outright.
        if (modes.Where(m => !m.Mode.StartsWith("classify", StringComparison.Ordinal)).Select(m => m.GeneratedTokens).Distinct().Count() > 1)
            throw new InvalidOperationException("modes generated different token counts: " + string.Join(", ", modes.Select(m => $"{m.Mode} {m.GeneratedTokens}")));

        DecodeProbeResult? probe = null;
        if (options.DecodeSequences > 0)
        {
            probe = new DecodeProbe(model, options.Settings, driver).Run(options.DecodeSequences, options.DecodeSteps, workload, cancellationToken);
            log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"decode probe: {probe.TokensPerSecond:0} tokens/s"));
        }

        var sequential = modes.FirstOrDefault(m => m.Mode == BenchModes.Name(BenchMode.Sequential));
        var settings = new BenchSettingsSummary(options.Threads, options.Sequences, options.BatchTokens, KvCacheBytes.Name(options.CacheType),
            options.Repeat, options.WarmUpRows, options.Settings.BlockSize, options.Seed);
        IReadOnlyList<WorkerComparisonRun>? workers = null;
        if (options.CompareWorkers)
        {
            workers = new WorkerComparison(model, options.Settings, driver).Run(workload, cancellationToken);
            foreach (var w in workers) log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{w.Name}: {w.WallSeconds:0.00} s"));
        }
        report = new BenchReport(machine, WorkloadSummary.From(workload), settings, BenchReport.WithRatios(modes), probe,
            sequential?.DecodeTokensPerSecond, peakIsPerRun, workers);
        return true;
    }

    private static bool TryGetWorkload(BenchOptions options, LlamaModel model, out BenchWorkload? workload, out string? error)
    {
        if (options.WorkloadPath is { } file) return WorkloadLoader.TryLoad(file, model.Tokenizer, out workload, out error);
        workload = new WorkloadGenerator(model.Tokenizer).Generate(options.Shape, options.Seed);
        error = null;
        return true;
    }
}
