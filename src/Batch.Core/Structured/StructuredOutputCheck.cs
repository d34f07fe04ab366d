using System.Text.Json;
using Batch.Core.Scheduling;

namespace Batch.Core.Structured;

/// <summary>
/// The last word on a row generated under a response format: the grammar shapes the text, but a row cut off
/// by max_tokens is incomplete, and keywords the grammar cannot express (uniqueItems) are only checked here.
/// </summary>
/// <param name="validate">Returns the first way a parsed output breaks the schema, or null when it conforms.</param>
public sealed class StructuredOutputCheck(Func<JsonElement, string?> validate)
{
    /// <summary>Why <paramref name="completion"/> is not a valid structured output; null when it is.</summary>
    public string? Problem(Completion completion)
    {
        if (completion.FinishReason == FinishReason.Length)
            return $"hit max_tokens ({completion.CompletionTokens} tokens) before the JSON was complete";
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(completion.Text);
        }
        catch (JsonException e)
        {
            // System.Text.Json has no Try-parse; a malformed output (a stop string cut it) is an expected outcome.
            return $"output is not valid JSON: {e.Message}";
        }
        using (document)
        {
            return validate(document.RootElement) is { } problem ? $"output does not match the schema: {problem}" : null;
        }
    }
}
