using System.Reflection;
using System.Text.RegularExpressions;

namespace Batch.Llama.Synthetic;

/// <summary>
/// The weighted pieces the synthetic tokenizer learns from: the seed corpus as it is pre-tokenized, plus a
/// list of common English words, so that ordinary English costs about one token per word, as it does
/// with real tokenizers. Without the list, prompts took ~1.6× the tokens a real model needs, which
/// inflated every prefill and attention figure in the benchmarks.
/// </summary>
internal static partial class BpeTrainingCorpus
{
    private const string WordListResource = "Batch.Llama.Synthetic.english-words.txt";

    // Common words weigh more, so that a small vocabulary learns them first; capitalized and
    // unspaced forms (sentence starts, text starts) weigh least.
    private const int CommonWeight = 4;
    private const int LessCommonWeight = 2;
    private const int VariantWeight = 1;

    /// <summary>Pre-tokenized pieces (byte-level encoded) with how often each occurs, in ordinal order.</summary>
    public static IReadOnlyList<KeyValuePair<string, int>> Pieces()
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        void Add(string piece, int weight)
        {
            var encoded = ByteLevelAlphabet.Encode(piece);
            counts[encoded] = counts.GetValueOrDefault(encoded) + weight;
        }

        foreach (Match match in PreTokenizer().Matches(SeedCorpus.Text))
        {
            Add(match.Value, 1);
        }

        foreach (var (word, common) in ReadWordList())
        {
            Add(" " + word, common ? CommonWeight : LessCommonWeight);
            if (common)
            {
                var capitalized = char.ToUpperInvariant(word[0]) + word[1..];
                Add(" " + capitalized, VariantWeight);
                Add(capitalized, VariantWeight);
                Add(word, VariantWeight);
            }
        }

        return counts.OrderBy(p => p.Key, StringComparer.Ordinal).ToArray();
    }

    private static IEnumerable<(string Word, bool Common)> ReadWordList()
    {
        using var stream = typeof(BpeTrainingCorpus).Assembly.GetManifestResourceStream(WordListResource)
            ?? throw new InvalidOperationException($"Missing embedded resource {WordListResource}.");
        using var reader = new StreamReader(stream);
        var common = true;
        var words = new List<(string, bool)>();
        while (reader.ReadLine() is { } line)
        {
            if (line.StartsWith("#level 20", StringComparison.Ordinal))
            {
                common = false;
            }
            else if (line.Length > 0 && line[0] != '#')
            {
                words.Add((line, common));
            }
        }

        return words;
    }

    // Split as llama.cpp's gpt-2 pre-tokenizer would, so learned pieces never straddle its boundaries.
    [GeneratedRegex(@"'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+")]
    private static partial Regex PreTokenizer();
}
