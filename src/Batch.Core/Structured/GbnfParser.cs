using System.Globalization;

namespace Batch.Core.Structured;

/// <summary>
/// Parses GBNF text with llama.cpp's rules: a newline ends a rule except inside parentheses or right after
/// <c>|</c>; <c>#</c> starts a comment; rule names use letters, digits and <c>-</c>. Syntax only: references
/// and recursion are checked by <see cref="GbnfGrammar"/>.
/// </summary>
internal sealed class GbnfParser(string text)
{
    private readonly Dictionary<string, GbnfExpression> rules = new(StringComparer.Ordinal);
    private int pos;
    private string? error;

    public bool TryParse(out IReadOnlyDictionary<string, GbnfExpression> parsed, out string? problem)
    {
        SkipSpace(newlineOk: true);
        while (error is null && pos < text.Length)
        {
            ParseRule();
        }
        parsed = rules;
        problem = error;
        return error is null;
    }

    private void ParseRule()
    {
        var start = pos;
        var name = ParseName();
        if (name is null) return;
        SkipSpace(newlineOk: false);
        if (!Expect("::=")) return;
        SkipSpace(newlineOk: true);
        var body = ParseChoice(nested: false);
        if (body is null) return;
        if (pos < text.Length && text[pos] is not ('\n' or '\r'))
        {
            Fail($"expected a newline or the end after rule '{name}', got '{text[pos]}'");
            return;
        }
        if (!rules.TryAdd(name, body))
        {
            pos = start;
            Fail($"rule '{name}' is defined twice");
            return;
        }
        SkipSpace(newlineOk: true);
    }

    private GbnfExpression? ParseChoice(bool nested)
    {
        var options = new List<GbnfExpression>();
        while (true)
        {
            var sequence = ParseSequence(nested);
            if (sequence is null) return null;
            options.Add(sequence);
            if (pos >= text.Length || text[pos] != '|') break;
            pos++;
            SkipSpace(newlineOk: true);
        }
        return options.Count == 1 ? options[0] : new GbnfExpression.Choice(options);
    }

    private GbnfExpression? ParseSequence(bool nested)
    {
        var items = new List<GbnfExpression>();
        while (error is null && pos < text.Length)
        {
            var c = text[pos];
            GbnfExpression? item;
            if (c == '"') item = ParseLiteral();
            else if (c == '[') item = ParseCharClass();
            else if (IsWordChar(c)) item = ParseName() is { } name ? new GbnfExpression.RuleRef(name) : null;
            else if (c == '(') item = ParseGroup();
            else if (c == '.')
            {
                pos++;
                item = new GbnfExpression.AnyChar();
            }
            else if (c is '*' or '+' or '?' or '{')
            {
                if (items.Count == 0)
                {
                    Fail($"'{c}' must follow an item to repeat");
                    return null;
                }
                item = ParseRepetition(items[^1]);
                if (item is null) return null;
                items.RemoveAt(items.Count - 1);
            }
            else break;
            if (item is null) return null;
            items.Add(item);
            SkipSpace(nested);
        }
        if (error is not null) return null;
        return items.Count == 1 ? items[0] : new GbnfExpression.Sequence(items);
    }

    private GbnfExpression? ParseGroup()
    {
        pos++;
        SkipSpace(newlineOk: true);
        var inner = ParseChoice(nested: true);
        if (inner is null) return null;
        return Expect(")") ? inner : null;
    }

    private GbnfExpression? ParseRepetition(GbnfExpression item)
    {
        var c = text[pos++];
        switch (c)
        {
            case '*': return new GbnfExpression.Repeat(item, 0, null);
            case '+': return new GbnfExpression.Repeat(item, 1, null);
            case '?': return new GbnfExpression.Repeat(item, 0, 1);
        }
        SkipSpace(newlineOk: false);
        var first = ParseInt();
        if (first is null && (pos >= text.Length || text[pos] != ','))
        {
            if (error is null) Fail("expected a repetition count");
            return null;
        }
        var min = first ?? 0;
        SkipSpace(newlineOk: false);
        int? max = min;
        if (pos < text.Length && text[pos] == ',')
        {
            pos++;
            SkipSpace(newlineOk: false);
            max = ParseInt();
            SkipSpace(newlineOk: false);
        }
        if (error is not null || !Expect("}")) return null;
        if (max < min)
        {
            Fail($"repetition {{{min},{max}}} has its maximum below its minimum");
            return null;
        }
        return new GbnfExpression.Repeat(item, min, max);
    }

    private int? ParseInt()
    {
        var start = pos;
        while (pos < text.Length && char.IsAsciiDigit(text[pos])) pos++;
        if (pos == start) return null;
        if (int.TryParse(text.AsSpan(start, pos - start), NumberStyles.None, CultureInfo.InvariantCulture, out var value)) return value;
        Fail("repetition count is too large");
        return null;
    }

    private GbnfExpression? ParseLiteral()
    {
        pos++;
        var codePoints = new List<int>();
        while (pos < text.Length && text[pos] != '"')
        {
            if (ParseChar() is not { } c) return null;
            codePoints.Add(c);
        }
        return Expect("\"") ? new GbnfExpression.Literal([.. codePoints]) : null;
    }

    private GbnfExpression? ParseCharClass()
    {
        pos++;
        var negated = pos < text.Length && text[pos] == '^';
        if (negated) pos++;
        var ranges = new List<(int, int)>();
        while (pos < text.Length && text[pos] != ']')
        {
            if (ParseChar() is not { } from) return null;
            var to = from;
            if (pos + 1 < text.Length && text[pos] == '-' && text[pos + 1] != ']')
            {
                pos++;
                if (ParseChar() is not { } end) return null;
                to = end;
            }
            if (to < from)
            {
                Fail($"character range {Show(from)}-{Show(to)} is reversed");
                return null;
            }
            ranges.Add((from, to));
        }
        return Expect("]") ? new GbnfExpression.CharClass(negated, ranges) : null;
    }

    /// <summary>One character of a literal or class, with llama.cpp's escapes.</summary>
    private int? ParseChar()
    {
        if (text[pos] != '\\')
        {
            var codePoint = char.ConvertToUtf32(text, pos);
            pos += char.IsSurrogatePair(text, pos) ? 2 : 1;
            return codePoint;
        }
        if (pos + 1 >= text.Length)
        {
            Fail("unexpected end of input after '\\'");
            return null;
        }
        var kind = text[pos + 1];
        pos += 2;
        switch (kind)
        {
            case 'x': return ParseHex(2);
            case 'u': return ParseHex(4);
            case 'U': return ParseHex(8);
            case 't': return '\t';
            case 'r': return '\r';
            case 'n': return '\n';
            case '\\' or '"' or '[' or ']': return kind;
            default:
                pos -= 2;
                Fail($"unknown escape '\\{kind}'");
                return null;
        }
    }

    private int? ParseHex(int digits)
    {
        if (pos + digits > text.Length
            || !int.TryParse(text.AsSpan(pos, digits), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value)
            || value > 0x10FFFF)
        {
            Fail($"expected {digits} hex digits");
            return null;
        }
        pos += digits;
        return value;
    }

    private string? ParseName()
    {
        var start = pos;
        while (pos < text.Length && IsWordChar(text[pos])) pos++;
        if (pos > start) return text[start..pos];
        Fail(pos < text.Length ? $"expected a rule name, got '{text[pos]}'" : "expected a rule name, got the end");
        return null;
    }

    private void SkipSpace(bool newlineOk)
    {
        while (pos < text.Length)
        {
            var c = text[pos];
            if (c is ' ' or '\t' || (newlineOk && c is '\n' or '\r')) pos++;
            else if (c == '#')
            {
                while (pos < text.Length && text[pos] is not ('\n' or '\r')) pos++;
            }
            else break;
        }
    }

    private bool Expect(string token)
    {
        if (string.CompareOrdinal(text, pos, token, 0, token.Length) == 0)
        {
            pos += token.Length;
            return true;
        }
        Fail(pos < text.Length ? $"expected '{token}', got '{text[pos]}'" : $"expected '{token}', got the end");
        return false;
    }

    private void Fail(string message)
    {
        if (error is not null) return;
        var line = 1;
        var column = 1;
        for (var i = 0; i < Math.Min(pos, text.Length); i++)
        {
            if (text[i] == '\n')
            {
                line++;
                column = 1;
            }
            else column++;
        }
        error = $"line {line}, column {column}: {message}";
    }

    private static bool IsWordChar(char c) => char.IsAsciiLetterOrDigit(c) || c == '-';

    private static string Show(int codePoint) => $"U+{codePoint:X4}";
}
