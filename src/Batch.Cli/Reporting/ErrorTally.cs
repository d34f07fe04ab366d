namespace Batch.Cli.Reporting;

/// <summary>
/// Counts error rows by reason and keeps the first few of each. Bounded: past
/// <see cref="MaxReasons"/> distinct reasons the rest count under <see cref="OtherReasons"/>.
/// Safe to add to from one thread while another summarizes.
/// </summary>
public sealed class ErrorTally(int examplesPerReason = 5)
{
    /// <summary>Distinct reasons kept before new ones are lumped together.</summary>
    public const int MaxReasons = 100;

    /// <summary>The reason rows count under once <see cref="MaxReasons"/> is reached.</summary>
    public const string OtherReasons = "(other reasons)";

    private const int MaxExampleLength = 500;

    private readonly Lock _lock = new();
    private readonly Dictionary<string, (long Count, int Order, List<ErrorExample> Examples)> _reasons = new(StringComparer.Ordinal);
    private long _total;

    /// <summary>Counts one error row; <paramref name="message"/> may still carry its <c>source:line: </c> prefix.</summary>
    public void Add(string source, long line, string message)
    {
        var text = ErrorReasons.StripLocation(source, line, message);
        if (text.Length > MaxExampleLength) text = text[..MaxExampleLength] + "…";
        var reason = ErrorReasons.Classify(text);
        lock (_lock)
        {
            _total++;
            if (!_reasons.ContainsKey(reason) && _reasons.Count >= MaxReasons) reason = OtherReasons;
            if (!_reasons.TryGetValue(reason, out var entry)) entry = (0, _reasons.Count, []);
            if (entry.Examples.Count < examplesPerReason) entry.Examples.Add(new ErrorExample(source, line, text));
            _reasons[reason] = entry with { Count = entry.Count + 1 };
        }
    }

    /// <summary>The reasons so far, the most frequent first (ties in order of first appearance).</summary>
    public ErrorSummary Summarize()
    {
        lock (_lock)
        {
            var reasons = _reasons
                .OrderByDescending(r => r.Value.Count)
                .ThenBy(r => r.Value.Order)
                .Select(r => new ErrorReasonSummary(r.Key, r.Value.Count, [.. r.Value.Examples]))
                .ToArray();
            return new ErrorSummary(_total, reasons);
        }
    }
}
