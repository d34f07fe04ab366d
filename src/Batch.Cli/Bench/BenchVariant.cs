using Batch.Llama.Decoding;

namespace Batch.Cli.Bench;

/// <summary>
/// A mode run with an optional KV cache type of its own (<c>continuous:q8_0</c>), so that layouts and
/// cache types are compared in one run, against the same sequential baseline, on the same machine state.
/// </summary>
/// <param name="CacheType">The run's KV cache type; null runs the command's <c>--kv-cache-type</c>.</param>
public sealed record BenchVariant(BenchMode Mode, KvCacheType? CacheType = null)
{
    /// <summary>The name in tables and JSON: the mode, then <c>:type</c> when the variant names one.</summary>
    public string Name => CacheType is { } type ? $"{BenchModes.Name(Mode)}:{KvCacheBytes.Name(type)}" : BenchModes.Name(Mode);

    /// <summary>Parses <c>mode</c> or <c>mode:f16|q8_0|q4_0</c>.</summary>
    public static bool TryParse(string text, out BenchVariant? variant, out string? error)
    {
        variant = null;
        var parts = text.Split(':', 2, StringSplitOptions.TrimEntries);
        var mode = BenchModes.Known.Where(m => string.Equals(BenchModes.Name(m), parts[0], StringComparison.OrdinalIgnoreCase))
            .Cast<BenchMode?>().FirstOrDefault();
        if (mode is null)
        {
            error = $"unknown mode '{parts[0]}' (expected {string.Join(", ", BenchModes.Known.Select(BenchModes.Name))}, optionally with :f16, :q8_0 or :q4_0)";
            return false;
        }
        KvCacheType? cacheType = null;
        if (parts.Length == 2)
        {
            if (!Enum.TryParse<KvCacheType>(parts[1], ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed))
            {
                error = $"unknown KV cache type '{parts[1]}' in mode '{text}' (expected f16, q8_0 or q4_0)";
                return false;
            }
            cacheType = parsed;
        }
        variant = new BenchVariant(mode.Value, cacheType);
        error = null;
        return true;
    }
}
