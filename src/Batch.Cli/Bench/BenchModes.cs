namespace Batch.Cli.Bench;

/// <summary>The command-line names of <see cref="BenchMode"/> values and what each mode needs from the decoder.</summary>
public static class BenchModes
{
    /// <summary>Every mode, in the order the command runs them by default.</summary>
    public static IReadOnlyList<BenchMode> All { get; } = [BenchMode.Sequential, BenchMode.Static, BenchMode.Continuous, BenchMode.ContinuousPrefix];

    /// <summary>Classification modes: run only when asked for, and compared with each other, not with sequential.</summary>
    public static IReadOnlyList<BenchMode> Classification { get; } = [BenchMode.Classify, BenchMode.ClassifySeparate];

    /// <summary>Every mode <c>--modes</c> accepts.</summary>
    public static IReadOnlyList<BenchMode> Known { get; } = [.. All, .. Classification];

    public static bool IsClassification(BenchMode mode) => Classification.Contains(mode);

    /// <summary>The default <c>--modes</c> value.</summary>
    public static string DefaultList => string.Join(',', All.Select(Name));

    /// <summary>The mode's name on the command line and in reports.</summary>
    public static string Name(BenchMode mode) => mode switch
    {
        BenchMode.Sequential => "sequential",
        BenchMode.Static => "static",
        BenchMode.Continuous => "continuous",
        BenchMode.ContinuousPrefix => "continuous+prefix",
        BenchMode.Classify => "classify",
        BenchMode.ClassifySeparate => "classify-separate",
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, null),
    };

    /// <summary>Parses a comma-separated list such as <c>sequential,continuous,continuous:q8_0</c>; duplicates collapse, order is kept.</summary>
    public static bool TryParseList(string list, out IReadOnlyList<BenchVariant> modes, out string? error)
    {
        var parsed = new List<BenchVariant>();
        foreach (var part in list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!BenchVariant.TryParse(part, out var variant, out error))
            {
                modes = [];
                return false;
            }
            if (!parsed.Contains(variant!)) parsed.Add(variant!);
        }
        modes = parsed;
        error = parsed.Count == 0 ? "no modes given" : null;
        return parsed.Count > 0;
    }

    /// <summary>Sequences the scheduler runs at once in this mode.</summary>
    public static int MaxSequences(BenchMode mode, int sequences) => mode == BenchMode.Sequential ? 1 : sequences;

    /// <summary>KV slots the decoder needs: prefix sharing parks the prefix in one slot more (the template).</summary>
    public static int SlotCount(BenchMode mode, int sequences) =>
        MaxSequences(mode, sequences) + (mode == BenchMode.ContinuousPrefix ? 1 : 0);

    /// <summary>Rows queued together before the scheduler is drained: all of them, or one batch in static mode.</summary>
    public static int QueueChunk(BenchMode mode, int sequences, int rowCount) =>
        mode == BenchMode.Static ? sequences : Math.Max(rowCount, 1);
}
