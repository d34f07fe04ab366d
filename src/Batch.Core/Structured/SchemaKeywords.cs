using System.Collections.Frozen;
using System.Globalization;
using System.Text.Json;

namespace Batch.Core.Structured;

/// <summary>Which JSON Schema keywords the converter reads, ignores or refuses, and the pointer helpers it uses.</summary>
internal static class SchemaKeywords
{
    // Keywords that never constrain what the grammar writes. additionalProperties is here because the grammar
    // writes only the listed properties, which every additionalProperties setting allows.
    private static readonly FrozenSet<string> Annotations = new[]
    {
        "$schema", "$id", "$comment", "$defs", "definitions", "title", "description", "default", "examples",
        "deprecated", "readOnly", "writeOnly", "additionalProperties", "uniqueItems",
    }.ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenSet<string> Supported = new[]
    {
        "type", "enum", "const", "anyOf", "$ref", "properties", "required", "items", "minItems", "maxItems",
        "minLength", "maxLength", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum",
    }.ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, string> Hints = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["oneOf"] = "use anyOf",
        ["allOf"] = "merge the schemas into one",
        ["pattern"] = "use enum, or maxLength",
        ["format"] = "describe the format in the prompt; the grammar cannot enforce it",
        ["prefixItems"] = "use an object with named properties",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public static bool IsAnnotation(string keyword) => Annotations.Contains(keyword);

    public static bool IsSupported(string keyword) => Supported.Contains(keyword);

    /// <summary>The message for a keyword the grammar cannot express, with a hint where there is one.</summary>
    public static string Unsupported(string keyword) =>
        Hints.TryGetValue(keyword, out var hint) ? $"unsupported keyword '{keyword}' ({hint})" : $"unsupported keyword '{keyword}'";

    /// <summary>The type a schema without <c>type</c> implies by its keywords; null = any value.</summary>
    public static string? InferType(JsonElement schema)
    {
        bool Has(string keyword) => schema.TryGetProperty(keyword, out _);
        if (Has("properties") || Has("required")) return "object";
        if (Has("items") || Has("minItems") || Has("maxItems")) return "array";
        if (Has("minLength") || Has("maxLength")) return "string";
        if (Has("minimum") || Has("maximum") || Has("exclusiveMinimum") || Has("exclusiveMaximum")) return "number";
        return null;
    }

    /// <summary>Follows a JSON pointer from <paramref name="root"/>; false when it leads nowhere.</summary>
    public static bool TryResolve(JsonElement root, string target, out JsonElement resolved)
    {
        resolved = root;
        if (target.Length == 0) return true;
        if (!target.StartsWith('/')) return false;
        foreach (var raw in target[1..].Split('/'))
        {
            var token = raw.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            if (resolved.ValueKind == JsonValueKind.Object && resolved.TryGetProperty(token, out var next)) resolved = next;
            else if (resolved.ValueKind == JsonValueKind.Array && int.TryParse(token, CultureInfo.InvariantCulture, out var i)
                && i >= 0 && i < resolved.GetArrayLength()) resolved = resolved[i];
            else return false;
        }
        return true;
    }

    /// <summary>A JSON pointer one token deeper.</summary>
    public static string Child(string pointer, string token) =>
        $"{pointer}/{token.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal)}";

    public static string Kind(JsonElement value) => value.ValueKind.ToString().ToLowerInvariant();
}
