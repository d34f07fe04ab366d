using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;

namespace Batch.Core.Text;

/// <summary>A parsed prompt template: literal text with <c>{field}</c> placeholders; <c>{{</c> and <c>}}</c> are literal braces.</summary>
public sealed class PromptTemplate
{
    private PromptTemplate(string text, IReadOnlyList<PromptTemplateSegment> segments)
    {
        Text = text;
        Segments = segments;
        Placeholders = segments.Where(s => s.IsPlaceholder).Select(s => s.Text).Distinct(StringComparer.Ordinal).ToArray();
        SharedPrefix = segments.Count > 0 && !segments[0].IsPlaceholder ? segments[0].Text : "";
    }

    /// <summary>The template as written.</summary>
    public string Text { get; }

    /// <summary>Literal and placeholder pieces in order; adjacent literals are merged.</summary>
    public IReadOnlyList<PromptTemplateSegment> Segments { get; }

    /// <summary>Distinct placeholder names in order of first appearance.</summary>
    public IReadOnlyList<string> Placeholders { get; }

    /// <summary>The literal text before the first placeholder (all of it when there is none): identical for every row.</summary>
    public string SharedPrefix { get; }

    /// <summary>Parses a template; on failure <paramref name="error"/> says what is wrong and at which character offset.</summary>
    public static bool TryParse(
        string text,
        [NotNullWhen(true)] out PromptTemplate? template,
        [NotNullWhen(false)] out string? error)
    {
        var segments = new List<PromptTemplateSegment>();
        var literal = new StringBuilder();
        template = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '}')
            {
                if (!IsDoubled(text, i))
                {
                    error = $"unmatched '}}' at offset {i}; write '}}}}' for a literal brace";
                    return false;
                }
                literal.Append('}');
                i++;
                continue;
            }
            if (c != '{')
            {
                literal.Append(c);
                continue;
            }
            if (IsDoubled(text, i))
            {
                literal.Append('{');
                i++;
                continue;
            }
            if (!TryReadName(text, i, out var name, out error))
            {
                return false;
            }
            if (literal.Length > 0)
            {
                segments.Add(new PromptTemplateSegment(literal.ToString(), false));
                literal.Clear();
            }
            segments.Add(new PromptTemplateSegment(name, true));
            i += name.Length + 1;
        }
        if (literal.Length > 0)
        {
            segments.Add(new PromptTemplateSegment(literal.ToString(), false));
        }
        template = new PromptTemplate(text, segments);
        error = null;
        return true;
    }

    /// <summary>Parses a template already known to be valid (e.g. from a validated job); a bad one is a bug.</summary>
    public static PromptTemplate Parse(string text) =>
        TryParse(text, out var template, out var error) ? template : throw new ArgumentException(error, nameof(text));

    /// <summary>Fills every placeholder from <paramref name="lookup"/>; fails with the first field it returns null for.</summary>
    public bool TryRender(
        Func<string, string?> lookup,
        [NotNullWhen(true)] out string? prompt,
        [NotNullWhen(false)] out string? missingField)
    {
        var builder = new StringBuilder();
        foreach (var segment in Segments)
        {
            if (!segment.IsPlaceholder)
            {
                builder.Append(segment.Text);
                continue;
            }
            var value = lookup(segment.Text);
            if (value is null)
            {
                prompt = null;
                missingField = segment.Text;
                return false;
            }
            builder.Append(value);
        }
        prompt = builder.ToString();
        missingField = null;
        return true;
    }

    /// <inheritdoc/>
    public override string ToString() => Text;

    private static bool IsDoubled(string text, int i) => i + 1 < text.Length && text[i + 1] == text[i];

    private static bool TryReadName(string text, int open, [NotNullWhen(true)] out string? name, [NotNullWhen(false)] out string? error)
    {
        name = null;
        for (var i = open + 1; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '}')
            {
                if (i == open + 1)
                {
                    error = $"empty placeholder '{{}}' at offset {open}";
                    return false;
                }
                name = text[(open + 1)..i];
                error = null;
                return true;
            }
            if (c == '{')
            {
                break;
            }
            if (!IsNameChar(c))
            {
                error = $"invalid character {Describe(c)} in placeholder name at offset {i}; names use letters, digits, '_', '-' and '.'";
                return false;
            }
        }
        error = $"unclosed '{{' at offset {open}; write '{{{{' for a literal brace";
        return false;
    }

    private static bool IsNameChar(char c) => char.IsLetterOrDigit(c) || c is '_' or '-' or '.';

    private static string Describe(char c) =>
        char.IsControl(c) || (char.IsWhiteSpace(c) && c != ' ')
            ? "U+" + ((int)c).ToString("X4", CultureInfo.InvariantCulture)
            : $"'{c}'";
}
