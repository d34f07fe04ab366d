using System.Text.Json;
using Batch.Core.Rows;

namespace Batch.Testing.Builders;

/// <summary>Input records as a reader would produce them.</summary>
public static class Records
{
    public const string Source = "in.jsonl";

    /// <summary>A record whose fields are the properties of a JSON object.</summary>
    public static InputRecord Json(string json, long line = 1, string source = Source)
    {
        using var document = JsonDocument.Parse(json);
        var fields = document.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone(), StringComparer.Ordinal);
        return new InputRecord(source, line, fields);
    }

    /// <summary>A record the reader could not parse.</summary>
    public static InputRecord Unreadable(string error, long line = 1, string source = Source) =>
        new(source, line, null, error);
}
