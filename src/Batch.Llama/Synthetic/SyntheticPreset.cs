using System.Diagnostics.CodeAnalysis;

namespace Batch.Llama.Synthetic;

/// <summary>The shape of a synthetic llama model.</summary>
public sealed record SyntheticPreset(
    string Name,
    int EmbeddingLength,
    int BlockCount,
    int HeadCount,
    int KvHeadCount,
    int FeedForwardLength,
    int VocabularySize,
    int ContextLength,
    SyntheticQuantization DefaultQuantization)
{
    /// <summary>For tests: about 0.8 M parameters (1.6 MiB at F16), loads and decodes in milliseconds; grouped-query attention (4 heads, 2 KV heads).</summary>
    public static SyntheticPreset Tiny { get; } = new("tiny", 128, 2, 4, 2, 256, 2000, 2048, SyntheticQuantization.F16);

    /// <summary>About 31 M parameters, for demos.</summary>
    public static SyntheticPreset Small { get; } = new("small", 512, 6, 8, 8, 1376, 12000, 4096, SyntheticQuantization.F16);

    /// <summary>About 134 M parameters, the size engine.md's throughput facts were measured on.</summary>
    public static SyntheticPreset Bench { get; } = new("bench", 768, 12, 12, 12, 2048, 32000, 4096, SyntheticQuantization.Q8_0);

    /// <summary>Every preset, smallest first.</summary>
    public static IReadOnlyList<SyntheticPreset> All { get; } = [Tiny, Small, Bench];

    /// <summary>The dimension of one attention head.</summary>
    public int HeadDimension => EmbeddingLength / HeadCount;

    /// <summary>The width of the K (and of the V) projection.</summary>
    public int KvEmbeddingLength => HeadDimension * KvHeadCount;

    /// <summary>The number of weights, including the untied output matrix.</summary>
    public long ParameterCount
    {
        get
        {
            long n = EmbeddingLength;
            long perLayer = 2 * n * n + 2 * n * KvEmbeddingLength + 3 * n * FeedForwardLength + 2 * n;
            return 2 * n * VocabularySize + BlockCount * perLayer + n;
        }
    }

    /// <summary>Looks a preset up by name (case-insensitive).</summary>
    public static bool TryGet(string name, [NotNullWhen(true)] out SyntheticPreset? preset)
    {
        preset = All.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));
        return preset is not null;
    }
}
