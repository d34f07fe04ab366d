namespace Batch.Core.Scheduling;

/// <summary>Finds the earliest stop string in text that grows at its end.</summary>
public sealed class StopMatcher
{
    private readonly IReadOnlyList<string> _stops;
    private readonly int _longest;

    public StopMatcher(IReadOnlyList<string> stops)
    {
        _stops = stops;
        _longest = stops.Count == 0 ? 0 : stops.Max(s => s.Length);
    }

    /// <summary>
    /// Index where a stop string starts, looking only where text appended after
    /// <paramref name="previousLength"/> could complete one; -1 when none.
    /// </summary>
    public int Find(string text, int previousLength)
    {
        if (_longest == 0) return -1;
        var from = Math.Max(0, previousLength - _longest + 1);
        var best = -1;
        foreach (var stop in _stops)
        {
            var at = text.IndexOf(stop, from, StringComparison.Ordinal);
            if (at >= 0 && (best < 0 || at < best)) best = at;
        }
        return best;
    }
}
