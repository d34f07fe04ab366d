using System.Text.RegularExpressions;

namespace Batch.Llama.Synthetic;

/// <summary>Classic BPE training on a small corpus: repeatedly merge the most frequent adjacent pair.</summary>
internal sealed partial class BpeMergeLearner
{
    private readonly List<(List<string> Symbols, int Count)> _words;

    public BpeMergeLearner(string corpus)
    {
        // Split as llama.cpp's gpt-2 pre-tokenizer would, so learned pieces never straddle its boundaries.
        _words = PreTokenizer().Matches(corpus)
            .GroupBy(m => ByteLevelAlphabet.Encode(m.Value), StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (g.Key.Select(c => c.ToString()).ToList(), g.Count()))
            .ToList();
    }

    /// <summary>Appends merges (and their new tokens) until no pair occurs twice or the vocabulary is full.</summary>
    public void Learn(List<string> tokens, HashSet<string> known, List<string> merges, int size)
    {
        while (tokens.Count < size && TryFindBestPair(out var left, out var right))
        {
            var joined = left + right;
            merges.Add(left + " " + right);
            if (known.Add(joined))
            {
                tokens.Add(joined);
            }

            foreach (var (symbols, _) in _words)
            {
                MergeInPlace(symbols, left, right, joined);
            }
        }
    }

    private bool TryFindBestPair(out string left, out string right)
    {
        var counts = new Dictionary<(string, string), int>();
        foreach (var (symbols, count) in _words)
        {
            for (var i = 0; i + 1 < symbols.Count; i++)
            {
                var pair = (symbols[i], symbols[i + 1]);
                counts[pair] = counts.GetValueOrDefault(pair) + count;
            }
        }

        (left, right) = (string.Empty, string.Empty);
        var best = 1;
        foreach (var ((a, b), count) in counts)
        {
            var wins = count > best || (count == best && best > 1 && ComparePairs(a, b, left, right) < 0);
            if (wins)
            {
                (left, right, best) = (a, b, count);
            }
        }

        return best > 1;
    }

    // Ties are broken by ordinal order so the result never depends on dictionary iteration order.
    private static int ComparePairs(string a, string b, string c, string d)
    {
        var first = string.CompareOrdinal(a, c);
        return first != 0 ? first : string.CompareOrdinal(b, d);
    }

    private static void MergeInPlace(List<string> symbols, string left, string right, string joined)
    {
        for (var i = 0; i + 1 < symbols.Count; i++)
        {
            if (symbols[i] == left && symbols[i + 1] == right)
            {
                symbols[i] = joined;
                symbols.RemoveAt(i + 1);
            }
        }
    }

    [GeneratedRegex(@"'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+")]
    private static partial Regex PreTokenizer();
}
