namespace Batch.Core.Decoding;

/// <summary>
/// The element types of the key and the value cache. They may differ (<c>q4_0/f16</c>): llama.cpp's CPU
/// attention reads a quantized K through an integer dot product about as fast as f16, while a quantized V
/// is converted cell by cell, so quantizing only the keys saves memory at a few percent of speed (README, bench section).
/// </summary>
public sealed record KvCacheTypes(KvCacheType Keys, KvCacheType Values)
{
    /// <summary>The same type for keys and values, so one type reads where a pair is expected.</summary>
    public static implicit operator KvCacheTypes(KvCacheType both) => new(both, both);

    public bool IsQuantized => Keys != KvCacheType.F16 || Values != KvCacheType.F16;

    /// <summary><c>q8_0</c> when both halves agree, else <c>keys/values</c> such as <c>q4_0/f16</c>.</summary>
    public string Name => Keys == Values ? Lower(Keys) : $"{Lower(Keys)}/{Lower(Values)}";

    /// <summary>Parses <c>f16</c>, <c>q8_0</c>, <c>q4_0</c>, or a keys/values pair such as <c>q4_0/f16</c>.</summary>
    public static bool TryParse(string? text, out KvCacheTypes types)
    {
        types = KvCacheType.F16;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var parts = text.Split('/', StringSplitOptions.TrimEntries);
        if (parts.Length > 2 || !TryParseOne(parts[0], out var keys)) return false;
        var values = keys;
        if (parts.Length == 2 && !TryParseOne(parts[1], out values)) return false;
        types = new KvCacheTypes(keys, values);
        return true;
    }

    // By name only: Enum.TryParse would also take "1".
    private static bool TryParseOne(string text, out KvCacheType type)
    {
        foreach (var candidate in Enum.GetValues<KvCacheType>())
        {
            if (!string.Equals(Lower(candidate), text, StringComparison.OrdinalIgnoreCase)) continue;
            type = candidate;
            return true;
        }
        type = KvCacheType.F16;
        return false;
    }

    private static string Lower(KvCacheType type) => type.ToString().ToLowerInvariant();
}
