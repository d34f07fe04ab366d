namespace Batch.Cli.Jobs;

/// <summary>Finds the valid key an unknown one was probably meant to be (a typo, camelCase, a missing underscore).</summary>
internal static class KeySuggestion
{
    public static string? Closest(string unknown, IEnumerable<string> candidates)
    {
        var typed = unknown.ToLowerInvariant();
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            var distance = Distance(typed, candidate);
            if (distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }
        // Allow more slack for longer keys, but never suggest a key that shares almost nothing with the typo.
        var limit = Math.Max(2, unknown.Length / 3);
        return bestDistance <= limit ? best : null;
    }

    /// <summary>Levenshtein distance with unit costs.</summary>
    public static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j], current[j - 1]) + 1);
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
