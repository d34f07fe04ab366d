using System.Globalization;
using System.Text;
using Batch.Core.Decoding;
using Batch.Llama.Gguf;

namespace Batch.Cli.Bench;

/// <summary>Renders a <see cref="BenchReport"/> as plain text: the machine's limits, one row per mode, the decode probe.</summary>
public static class BenchTable
{
    /// <summary>The column headers, in order; the JSON holds the same figures under snake_case names.</summary>
    public static IReadOnlyList<string> Headers { get; } =
    [
        "mode", "wall s", "min–max s", "rows/s", "prompt tok/s", "gen tok/s", "total tok/s", "× seq",
        "KV alloc", "KV peak", "peak RSS", "p50 s", "p95 s", "steps", "seq/step", "sched %",
    ];

    public static string Format(BenchReport report)
    {
        var text = new StringBuilder();
        foreach (var (label, value) in Limits(report)) text.Append(label.PadRight(10)).Append(value).Append('\n');
        text.Append('\n');
        AppendTable(text, [Headers, .. report.Modes.Select(Cells)]);
        var rounds = report.Modes.Where(m => m.RatioToSequentialByRound is { Count: > 1 } && m.Mode != BenchModes.Name(BenchMode.Sequential))
            .Select(m => m.Mode + " " + string.Join(' ', m.RatioToSequentialByRound!.Select(r => Invariant($"{r:0.00}")))).ToList();
        if (rounds.Count > 0) text.Append("× seq by round (each pair ran back to back): ").Append(string.Join("; ", rounds)).Append('\n');
        foreach (var w in report.WorkerComparison ?? [])
            text.Append('\n').Append(Invariant($"workers   {w.Name,-40} {w.WallSeconds,8:0.00} s  {w.GeneratedTokensPerSecond,6:0} gen tok/s  {w.TotalTokensPerSecond,6:0} total tok/s"));
        if (report.WorkerComparison is { Count: > 0 }) text.Append('\n');
        if (report.DecodeProbe is { } probe)
        {
            text.Append('\n').Append(Invariant(
                $"decode    {probe.Sequences} sequences × {probe.StepCount} decode steps: {probe.TokensPerSecond:0} tok/s ({probe.MillisecondsPerStep:0.0} ms/step)"));
            text.Append(Invariant($"; batch-1 bound {report.Machine.Batch1BoundTokensPerSecond:0} tok/s"));
            if (report.SequentialDecodeTokensPerSecond is { } sequential) text.Append(Invariant($"; sequential decode {sequential:0} tok/s"));
            text.Append('\n');
        }
        if (!report.PeakRssPerRun) text.Append("note      peak RSS is the process's running peak (it could not be reset per run here)\n");
        return text.ToString();
    }

    private static IEnumerable<(string Label, string Value)> Limits(BenchReport report)
    {
        var m = report.Machine;
        var w = report.Workload;
        var s = report.Settings;
        yield return ("model", Invariant($"{m.ModelPath}: {Bytes(m.ModelFileBytes)}, {m.ParameterCount / 1e6:0.0} M parameters, {m.Quantization}"));
        yield return ("kv", $"{Bytes(m.KvBytesPerTokenF16)}/token at f16; {Bytes(m.KvBytesPerToken)}/token as {m.KvCacheType} (used here)");
        yield return ("threads", Invariant($"{m.Threads} for llama.cpp, {m.ProcessorCount} cores ({m.NativeLibrary})"));
        yield return ("memory", Invariant(
            $"{m.MemoryBandwidthBytesPerSecond / 1e9:0.0} GB/s streaming read ({Bytes(m.BandwidthBufferBytes)} buffer, threads: {m.Threads}) → batch-1 bound {m.Batch1BoundTokensPerSecond:0} tok/s (bandwidth ÷ model bytes)"));
        yield return ("workload", Invariant(
            $"{w.Source}: {w.Rows} rows, {w.PromptTokens} prompt + {w.GeneratedTokens} output tokens, shared prefix {w.SharedPrefixTokens} tokens, longest row {w.LongestRowTokens} → {w.SlotTokens}-token slots"));
        yield return ("settings", Invariant(
            $"{s.Sequences} sequences, {s.BatchTokens} batch tokens, kv {s.KvCacheType}, repeat {s.Repeat} (median shown), {s.WarmUpRows} warm-up rows, seed {s.Seed}"));
    }

    private static string[] Cells(ModeSummary m) =>
    [
        m.Mode,
        Invariant($"{m.WallSecondsMedian:0.00}"),
        Invariant($"{m.WallSecondsMin:0.00}–{m.WallSecondsMax:0.00}"),
        Invariant($"{m.RowsPerSecond:0.00}"),
        Invariant($"{m.PromptTokensPerSecond:0}"),
        Invariant($"{m.GeneratedTokensPerSecond:0}"),
        Invariant($"{m.TotalTokensPerSecond:0}"),
        m.RatioToSequential is { } r ? Invariant($"{r:0.00}") : "-",
        Bytes(m.KvAllocatedBytes),
        Bytes(m.KvPeakUsedBytes),
        Bytes(m.PeakRssBytes),
        Invariant($"{m.LatencyP50Seconds:0.00}"),
        Invariant($"{m.LatencyP95Seconds:0.00}"),
        Invariant($"{m.Steps}"),
        Invariant($"{m.MeanSequencesPerStep:0.0}"),
        Invariant($"{100 * m.SchedulerSeconds / Math.Max(m.DecoderSeconds + m.SchedulerSeconds, 1e-9):0.0}"),
    ];

    // The first column is left-aligned (names), the rest right-aligned (numbers).
    private static void AppendTable(StringBuilder text, IReadOnlyList<IReadOnlyList<string>> rows)
    {
        var widths = Enumerable.Range(0, rows[0].Count).Select(c => rows.Max(r => r[c].Length)).ToArray();
        foreach (var row in rows)
        {
            var cells = row.Select((cell, c) => c == 0 ? cell.PadRight(widths[c]) : cell.PadLeft(widths[c]));
            text.Append(string.Join("  ", cells).TrimEnd()).Append('\n');
        }
    }

    private static string Bytes(long bytes) => ModelInspection.FormatBytes(bytes);

    private static string Invariant(FormattableString value) => value.ToString(CultureInfo.InvariantCulture);
}
