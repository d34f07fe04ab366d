using System.Text.RegularExpressions;

namespace Batch.Cli.Reporting;

/// <summary>
/// Groups error-row messages into reasons: the <c>file:line: </c> prefix goes, and so do the
/// values that differ from row to row (quoted text, other rows' locations, numbers), so that
/// "missing field 'title'" and "missing field 'body'" count as one reason.
/// </summary>
public static partial class ErrorReasons
{
    private const int MaxReasonLength = 200;

    /// <summary>The message without its <c>source:line: </c> prefix.</summary>
    public static string StripLocation(string source, long line, string message)
    {
        var prefix = $"{source}:{line}: ";
        if (message.StartsWith(prefix, StringComparison.Ordinal)) return message[prefix.Length..];
        var match = LocationPrefix().Match(message);
        return match.Success ? message[match.Length..] : message;
    }

    /// <summary>The reason a message (already without its prefix) belongs to.</summary>
    public static string Classify(string message)
    {
        var reason = SingleQuoted().Replace(message, "'…'");
        reason = DoubleQuoted().Replace(reason, "\"…\"");
        reason = Location().Replace(reason, "…");
        reason = Number().Replace(reason, "N");
        reason = Whitespace().Replace(reason, " ").Trim();
        if (reason.Length == 0) return "(no message)";
        return reason.Length <= MaxReasonLength ? reason : reason[..MaxReasonLength] + "…";
    }

    [GeneratedRegex(@"^\S+:\d+: ")]
    private static partial Regex LocationPrefix();

    [GeneratedRegex("'[^']*'")]
    private static partial Regex SingleQuoted();

    [GeneratedRegex("\"[^\"]*\"")]
    private static partial Regex DoubleQuoted();

    // Another row's place, as in "duplicate id '7' (first at a.jsonl:3)".
    [GeneratedRegex(@"[^\s()'""]+:\d+")]
    private static partial Regex Location();

    [GeneratedRegex(@"\b\d+(?:\.\d+)?\b")]
    private static partial Regex Number();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
