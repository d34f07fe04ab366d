namespace Batch.Core.Checkpointing;

/// <summary>
/// Which input rows (file, line) are durably done. Per file, a watermark below which every row
/// is done plus the few done rows above it, so millions of rows cost a few numbers.
/// </summary>
public sealed class CompletedRows
{
    private readonly Dictionary<string, Progress> _sources = new(StringComparer.Ordinal);

    public long Count { get; private set; }

    public static CompletedRows From(IEnumerable<SourceCheckpoint> sources)
    {
        var rows = new CompletedRows();
        foreach (var s in sources)
        {
            var progress = rows.For(s.Source);
            progress.Watermark = s.Watermark;
            foreach (var line in s.Above) progress.Above.Add(line);
            rows.Count += s.Watermark + s.Above.Count;
        }
        return rows;
    }

    public bool Contains(string source, long line) =>
        _sources.TryGetValue(source, out var p) && (line <= p.Watermark || p.Above.Contains(line));

    /// <summary>Marks a row done; false when it already was.</summary>
    public bool Add(string source, long line)
    {
        var p = For(source);
        if (line <= p.Watermark || !p.Above.Add(line)) return false;
        while (p.Above.Count > 0 && p.Above.Min == p.Watermark + 1)
        {
            p.Watermark++;
            p.Above.Remove(p.Watermark);
        }
        Count++;
        return true;
    }

    public IReadOnlyList<SourceCheckpoint> Snapshot() =>
        _sources.Select(kv => new SourceCheckpoint(kv.Key, kv.Value.Watermark, kv.Value.Above.ToArray())).ToArray();

    private Progress For(string source)
    {
        if (!_sources.TryGetValue(source, out var p)) _sources[source] = p = new Progress();
        return p;
    }

    private sealed class Progress
    {
        public long Watermark;
        public readonly SortedSet<long> Above = [];
    }
}
