using System.Text.Json;
using Batch.Core.Rows;
using Batch.Core.Scheduling;

namespace Batch.IO.Tests.Support;

/// <summary>Output rows with defaults, so each test sets only what it is about.</summary>
public static class OutputRows
{
    /// <summary>A completion; <paramref name="id"/> and carried values are JSON text (null: no value).</summary>
    public static OutputRow Completion(
        string? id = "\"r1\"",
        string output = "done",
        FinishReason finishReason = FinishReason.Stop,
        int promptTokens = 3,
        int completionTokens = 2,
        params (string Name, string? Json)[] carry) =>
        new(Json(id), Carry(carry), output, finishReason, promptTokens, completionTokens, null, "in.jsonl", 1);

    /// <summary>An error row with no output.</summary>
    public static OutputRow Failure(string? id = "\"r1\"", string error = "in.jsonl:1: missing field 'text'", params (string Name, string? Json)[] carry) =>
        new(Json(id), Carry(carry), null, FinishReason.Error, 0, 0, error, "in.jsonl", 1);

    /// <summary>A JSON value parsed from text, or null for no value.</summary>
    public static JsonElement? Json(string? json)
    {
        if (json is null) return null;
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    private static KeyValuePair<string, JsonElement?>[] Carry((string Name, string? Json)[] carry) =>
        carry.Select(c => new KeyValuePair<string, JsonElement?>(c.Name, Json(c.Json))).ToArray();
}
