using System.Text.Json;

namespace Batch.Core.Rows.OpenAi;

/// <summary>
/// Reads an OpenAI Batch API request line (<c>{custom_id, method, url, body}</c>) into a request. A line this
/// engine cannot honour is an error naming the field, so it lands in the error file and the job goes on.
/// </summary>
public static class OpenAiBatchLine
{
    public const string ChatCompletionsUrl = "/v1/chat/completions";
    public const string CompletionsUrl = "/v1/completions";

    /// <summary>The carried field that holds the request's url, so the output line knows its endpoint.</summary>
    public const string UrlCarry = "url";

    /// <summary>The carried field that holds the body's model, echoed back in the response.</summary>
    public const string ModelCarry = "model";

    /// <summary>Parses a line's fields; on failure <paramref name="customId"/> is still set when the line had a usable one.</summary>
    public static bool TryParse(
        IReadOnlyDictionary<string, JsonElement> fields, out OpenAiBatchRequest? request, out JsonElement? customId, out string? error)
    {
        request = null;
        customId = null;
        if (!fields.TryGetValue("custom_id", out var id) || id.ValueKind == JsonValueKind.Null)
            return Fail("missing field 'custom_id'", out error);
        if (id.ValueKind != JsonValueKind.String || id.GetString()!.Length == 0)
            return Fail($"field 'custom_id' must be a non-empty string, not {ChatMessages.Describe(id.ValueKind)}", out error);
        customId = id;
        if (!fields.TryGetValue("method", out var method) || method.ValueKind != JsonValueKind.String || method.GetString() != "POST")
            return Fail($"field 'method' must be \"POST\", got {Text(fields, "method")}", out error);
        if (!fields.TryGetValue("url", out var urlValue) || urlValue.ValueKind != JsonValueKind.String
            || urlValue.GetString() is not (ChatCompletionsUrl or CompletionsUrl))
            return Fail($"field 'url' must be {ChatCompletionsUrl} or {CompletionsUrl}, got {Text(fields, "url")}", out error);
        var url = urlValue.GetString()!;
        if (!fields.TryGetValue("body", out var body) || body.ValueKind != JsonValueKind.Object)
            return Fail($"field 'body' must be an object, got {Text(fields, "body")}", out error);
        if (!OpenAiRequestBody.TryRead(body, url == ChatCompletionsUrl, out var parsed, out error)) return false;

        JsonElement? model = body.TryGetProperty("model", out var m) && m.ValueKind == JsonValueKind.String ? m : null;
        request = new OpenAiBatchRequest(id, url, model, parsed!.Messages, parsed.Prompt, parsed.MaxTokens, parsed.Overrides);
        return true;
    }

    private static bool Fail(string message, out string? error)
    {
        error = message;
        return false;
    }

    private static string Text(IReadOnlyDictionary<string, JsonElement> fields, string name) =>
        fields.TryGetValue(name, out var value) ? value.GetRawText() : "nothing";
}
