using Batch.Core.Decoding;
using Batch.Llama.Decoding;

namespace Batch.Cli.Bench;

/// <summary>
/// A mode run with an optional KV cache type of its own (<c>continuous:q8_0</c>), so that layouts and
/// cache types are compared in one run, against the same sequential baseline, on the same machine state.
/// </summary>
/// <param name="CacheType">The run's KV cache types; null runs the command's <c>--kv-cache-type</c>.</param>
/// <param name="F16Prefill">Fresh prompts computed in an f16 context and moved into the quantized slots (<c>continuous:q8_0+f16prefill</c>, <c>continuous:q8_0/f16+f16prefill</c>).</param>
/// <param name="Workers">
/// Workers the batched continuous modes run on (<c>continuous@2</c>), each with its own context, its share of the threads
/// and of the sequences, pulling rows from one queue as the engine's worker pool hands them out; 1 is one worker with every thread.
/// </param>
public sealed record BenchVariant(BenchMode Mode, KvCacheTypes? CacheType = null, bool F16Prefill = false, int Workers = 1)
{
    private const string F16PrefillSuffix = "+f16prefill";

    /// <summary>The name in tables and JSON: the mode, then <c>:type</c> when the variant names one, then <c>@workers</c> when more than one.</summary>
    public string Name => (CacheType is { } type
        ? $"{BenchModes.Name(Mode)}:{KvCacheBytes.Name(type)}{(F16Prefill ? F16PrefillSuffix : "")}"
        : BenchModes.Name(Mode)) + (Workers > 1 ? $"@{Workers}" : "");

    /// <summary>
    /// Parses <c>mode</c>, <c>mode:f16|q8_0|q4_0</c>, <c>mode:q4_0/f16</c> (keys/values) or <c>mode:q8_0+f16prefill</c>,
    /// each optionally followed by <c>@N</c>, the workers of a continuous mode.
    /// </summary>
    public static bool TryParse(string text, out BenchVariant? variant, out string? error)
    {
        variant = null;
        var workers = 1;
        var at = text.LastIndexOf('@');
        if (at >= 0)
        {
            if (!int.TryParse(text.AsSpan(at + 1).Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out workers)
                || workers < 1)
            {
                error = $"bad worker count in mode '{text}' (expected @ and a whole number of at least 1, as in continuous@2)";
                return false;
            }
            text = text[..at];
        }
        var parts = text.Split(':', 2, StringSplitOptions.TrimEntries);
        var mode = BenchModes.Known.Where(m => string.Equals(BenchModes.Name(m), parts[0], StringComparison.OrdinalIgnoreCase))
            .Cast<BenchMode?>().FirstOrDefault();
        if (mode is null)
        {
            error = $"unknown mode '{parts[0]}' (expected {string.Join(", ", BenchModes.Known.Select(BenchModes.Name))}, optionally with :f16, :q8_0, :q4_0 or keys/values such as :q4_0/f16)";
            return false;
        }
        KvCacheTypes? cacheType = null;
        var f16Prefill = false;
        if (parts.Length == 2)
        {
            var typeName = parts[1];
            if (typeName.EndsWith(F16PrefillSuffix, StringComparison.OrdinalIgnoreCase))
            {
                f16Prefill = true;
                typeName = typeName[..^F16PrefillSuffix.Length];
            }
            if (!KvCacheTypes.TryParse(typeName, out var parsed) || (f16Prefill && !PrefillContext.Supports(parsed)))
            {
                error = $"unknown KV cache type '{parts[1]}' in mode '{text}' (expected f16, q8_0, q4_0, keys/values such as q4_0/f16, or q8_0+f16prefill and q8_0/f16+f16prefill)";
                return false;
            }
            cacheType = parsed;
        }
        if (workers > 1 && mode is not (BenchMode.Continuous or BenchMode.ContinuousPrefix))
        {
            error = $"mode '{parts[0]}' runs on one worker; only continuous and continuous+prefix take @N workers";
            return false;
        }
        variant = new BenchVariant(mode.Value, cacheType, f16Prefill, workers);
        error = null;
        return true;
    }
}
