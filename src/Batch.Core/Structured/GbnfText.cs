using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Batch.Core.Structured;

/// <summary>Writes GBNF literals and rule names.</summary>
internal static class GbnfText
{
    private static readonly JsonWriterOptions Compact = new() { Indented = false, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>A GBNF literal matching exactly <paramref name="text"/>.</summary>
    public static string Literal(string text)
    {
        var result = new StringBuilder("\"");
        foreach (var rune in text.EnumerateRunes())
        {
            switch (rune.Value)
            {
                case '"': result.Append("\\\""); break;
                case '\\': result.Append("\\\\"); break;
                case '\n': result.Append("\\n"); break;
                case '\r': result.Append("\\r"); break;
                case '\t': result.Append("\\t"); break;
                case < 0x20 or 0x7F: result.Append(CultureInfo.InvariantCulture, $"\\x{rune.Value:X2}"); break;
                default: result.Append(rune.ToString()); break;
            }
        }
        return result.Append('"').ToString();
    }

    /// <summary>A GBNF literal matching the compact JSON text of <paramref name="value"/>.</summary>
    public static string JsonLiteral(JsonElement value) => Literal(CompactJson(value));

    /// <summary><paramref name="value"/> as JSON without whitespace, non-ASCII characters kept as they are.</summary>
    public static string CompactJson(JsonElement value)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Compact))
        {
            value.WriteTo(writer);
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>A JSON string literal for <paramref name="text"/>, as the model must write it.</summary>
    public static string JsonString(string text)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Compact))
        {
            writer.WriteStringValue(text);
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Letters, digits and '-' only (GBNF rule names), lower case.</summary>
    public static string RuleName(string hint)
    {
        var name = new StringBuilder();
        foreach (var c in hint)
        {
            if (char.IsAsciiLetterOrDigit(c)) name.Append(char.ToLowerInvariant(c));
            else if (name.Length > 0 && name[^1] != '-') name.Append('-');
        }
        var text = name.ToString().Trim('-');
        return text.Length == 0 ? "x" : text;
    }
}
