namespace Batch.Llama.Synthetic;

/// <summary>
/// Classic BPE training: repeatedly merge the most frequent adjacent pair (ties by ordinal order, so the
/// result is deterministic). Pair counts are kept up to date incrementally and the best pair comes from
/// a lazily invalidated priority queue, so tens of thousands of merges over ~10⁵ symbols take well
/// under a second instead of a full recount per merge.
/// </summary>
internal sealed class BpeMergeLearner
{
    private readonly List<string> _symbolText = [];
    private readonly Dictionary<string, int> _symbolIds = new(StringComparer.Ordinal);
    private readonly List<int>[] _words;
    private readonly int[] _wordCounts;
    private readonly Dictionary<(int, int), long> _pairCounts = [];
    private readonly Dictionary<(int, int), HashSet<int>> _pairWords = [];
    private readonly PriorityQueue<(int Left, int Right), (long Count, string Left, string Right)> _queue;

    public BpeMergeLearner(IReadOnlyList<KeyValuePair<string, int>> pieces)
    {
        _queue = new PriorityQueue<(int, int), (long, string, string)>(Comparer<(long Count, string Left, string Right)>.Create(
            (a, b) => a.Count != b.Count ? b.Count.CompareTo(a.Count)
                : string.CompareOrdinal(a.Left, b.Left) is var c and not 0 ? c
                : string.CompareOrdinal(a.Right, b.Right)));
        _words = new List<int>[pieces.Count];
        _wordCounts = new int[pieces.Count];
        for (var w = 0; w < pieces.Count; w++)
        {
            _words[w] = pieces[w].Key.Select(ch => Intern(ch.ToString())).ToList();
            _wordCounts[w] = pieces[w].Value;
            for (var i = 0; i + 1 < _words[w].Count; i++)
            {
                AddPair((_words[w][i], _words[w][i + 1]), w, _wordCounts[w]);
            }
        }

        foreach (var (pair, count) in _pairCounts)
        {
            Push(pair, count);
        }
    }

    /// <summary>Appends merges (and their new tokens) until no pair occurs twice or the vocabulary is full.</summary>
    public void Learn(List<string> tokens, HashSet<string> known, List<string> merges, int size)
    {
        while (tokens.Count < size && TryPopBest(out var pair))
        {
            var (left, right) = (_symbolText[pair.Left], _symbolText[pair.Right]);
            var joined = left + right;
            merges.Add(left + " " + right);
            if (known.Add(joined))
            {
                tokens.Add(joined);
            }

            Merge(pair, Intern(joined));
        }
    }

    private bool TryPopBest(out (int Left, int Right) pair)
    {
        while (_queue.TryDequeue(out pair, out var key))
        {
            // Entries go stale when a merge changes a pair's count; only the current count is real.
            if (_pairCounts.GetValueOrDefault(pair) == key.Count)
            {
                return key.Count > 1;
            }
        }

        return false;
    }

    private void Merge((int Left, int Right) pair, int joined)
    {
        var touched = new HashSet<(int, int)>();
        foreach (var w in _pairWords[pair].ToArray())
        {
            var symbols = _words[w];
            var count = _wordCounts[w];
            for (var i = 0; i + 1 < symbols.Count; i++)
            {
                if (symbols[i] != pair.Left || symbols[i + 1] != pair.Right)
                {
                    continue;
                }

                if (i > 0)
                {
                    RemovePair((symbols[i - 1], symbols[i]), w, count, touched);
                }

                if (i + 2 < symbols.Count)
                {
                    RemovePair((symbols[i + 1], symbols[i + 2]), w, count, touched);
                }

                RemovePair(pair, w, count, touched);
                symbols[i] = joined;
                symbols.RemoveAt(i + 1);
                if (i > 0)
                {
                    AddPair((symbols[i - 1], joined), w, count, touched);
                }

                if (i + 1 < symbols.Count)
                {
                    AddPair((joined, symbols[i + 1]), w, count, touched);
                }
            }
        }

        foreach (var changed in touched)
        {
            if (_pairCounts.TryGetValue(changed, out var count) && count > 0)
            {
                Push(changed, count);
            }
        }
    }

    private void AddPair((int, int) pair, int word, long count, HashSet<(int, int)>? touched = null)
    {
        _pairCounts[pair] = _pairCounts.GetValueOrDefault(pair) + count;
        if (!_pairWords.TryGetValue(pair, out var words))
        {
            _pairWords[pair] = words = [];
        }

        words.Add(word);
        touched?.Add(pair);
    }

    // A word may still hold another occurrence of the pair, so its index stays in the set: Merge
    // re-checks every position anyway.
    private void RemovePair((int, int) pair, int word, long count, HashSet<(int, int)> touched)
    {
        _pairCounts[pair] -= count;
        touched.Add(pair);
    }

    private void Push((int Left, int Right) pair, long count) =>
        _queue.Enqueue(pair, (count, _symbolText[pair.Left], _symbolText[pair.Right]));

    private int Intern(string symbol)
    {
        if (!_symbolIds.TryGetValue(symbol, out var id))
        {
            id = _symbolText.Count;
            _symbolText.Add(symbol);
            _symbolIds[symbol] = id;
        }

        return id;
    }
}
