using System.Text.Json;
using Batch.Core.Structured;
using Batch.Core.Text;

namespace Batch.Core.Rows.OpenAi;

/// <summary>
/// The fields of a request body this engine honours: messages or prompt, max_tokens / max_completion_tokens,
/// temperature, top_p, seed, stop, response_format, logprobs / top_logprobs. Other fields are ignored, except
/// those that would change the result's shape (<c>n</c> other than 1, <c>stream</c>), which are errors.
/// </summary>
public sealed record OpenAiRequestBody(IReadOnlyList<ChatMessage>? Messages, string? Prompt, int? MaxTokens, RowOverrides Overrides)
{
    private const int MaxStopCount = 16;

    public static bool TryRead(JsonElement body, bool isChat, out OpenAiRequestBody? parsed, out string? error)
    {
        parsed = null;
        IReadOnlyList<ChatMessage>? messages = null;
        string? prompt = null;
        if (isChat)
        {
            if (!body.TryGetProperty("messages", out var value)) return Fail("missing field 'body.messages'", out error);
            if (!ChatMessages.TryParse(value, "body.messages", out messages, out error)) return false;
        }
        else if (!TryPrompt(body, out prompt, out error))
        {
            return false;
        }

        var limitName = Has(body, "max_completion_tokens") ? "max_completion_tokens" : "max_tokens";
        if (!TryInteger(body, limitName, 1, int.MaxValue, out var maxTokens, out error)
            || !TryNumber(body, "temperature", 0, 2, out var temperature, out error)
            || !TryTopP(body, out var topP, out error)
            || !TryInteger(body, "seed", long.MinValue, long.MaxValue, out var seed, out error)
            || !TryStop(body, out var stop, out error)
            || !TryResponseFormat(body, out var responseFormat, out var grammar, out var schema, out error)
            || !TryLogprobs(body, isChat, out var topLogprobs, out error)
            || !TryShape(body, out error))
        {
            return false;
        }
        // OpenAI seeds are any 64-bit integer; folding keeps every one valid and the same seed the same.
        uint? rowSeed = seed is { } s ? unchecked((uint)(s ^ (s >> 32))) : null;
        var overrides = new RowOverrides((float?)temperature, (float?)topP, rowSeed, stop, responseFormat, topLogprobs, grammar, schema);
        parsed = new OpenAiRequestBody(messages, prompt, (int?)maxTokens, overrides);
        return true;
    }

    private static bool TryPrompt(JsonElement body, out string? prompt, out string? error)
    {
        prompt = null;
        if (!body.TryGetProperty("prompt", out var value)) return Fail("missing field 'body.prompt'", out error);
        if (value.ValueKind == JsonValueKind.String)
        {
            prompt = value.GetString();
        }
        else if (value.ValueKind == JsonValueKind.Array && value.GetArrayLength() == 1 && value[0].ValueKind == JsonValueKind.String)
        {
            prompt = value[0].GetString();
        }
        else
        {
            return Fail($"field 'body.prompt' must be a string (or an array of one string), got {value.GetRawText()}", out error);
        }
        error = null;
        return true;
    }

    private static bool TryTopP(JsonElement body, out double? topP, out string? error)
    {
        if (!TryNumber(body, "top_p", 0, 1, out topP, out error)) return false;
        return topP is not 0d || Fail("field 'body.top_p' must be greater than 0", out error);
    }

    private static bool TryStop(JsonElement body, out IReadOnlyList<string>? stop, out string? error)
    {
        stop = null;
        error = null;
        if (!body.TryGetProperty("stop", out var value) || value.ValueKind == JsonValueKind.Null) return true;
        if (value.ValueKind == JsonValueKind.String)
            value = JsonSerializer.SerializeToElement(new[] { value.GetString() });
        if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() > MaxStopCount
            || value.EnumerateArray().Any(v => v.ValueKind != JsonValueKind.String || v.GetString()!.Length == 0))
            return Fail($"field 'body.stop' must be a non-empty string or an array of at most {MaxStopCount} of them", out error);
        stop = value.EnumerateArray().Select(v => v.GetString()!).ToArray();
        return true;
    }

    // The grammar is made (and checked) here, so a schema the converter cannot express is this line's error row.
    private static bool TryResponseFormat(JsonElement body, out string? format, out string? grammar, out string? schemaText, out string? error)
    {
        format = null;
        grammar = null;
        schemaText = null;
        error = null;
        if (!body.TryGetProperty("response_format", out var value) || value.ValueKind == JsonValueKind.Null) return true;
        var type = value.ValueKind == JsonValueKind.Object && value.TryGetProperty("type", out var t) ? t.GetString() : null;
        switch (type)
        {
            case "text":
                return true;
            case "json_object":
                format = value.GetRawText();
                grammar = JsonSchemaGrammar.AnyObject().Text;
                return true;
            case "json_schema" when value.TryGetProperty("json_schema", out var js) && js.ValueKind == JsonValueKind.Object
                && js.TryGetProperty("schema", out var schema) && schema.ValueKind == JsonValueKind.Object:
                if (!JsonSchemaGrammar.TryConvert(schema, out var converted, out var problem))
                    return Fail($"field 'body.response_format.json_schema.schema' is not supported: {problem}", out error);
                format = value.GetRawText();
                grammar = converted.Text;
                schemaText = schema.GetRawText();
                return true;
            case "json_schema":
                return Fail("field 'body.response_format.json_schema.schema' must be an object", out error);
            default:
                return Fail($"field 'body.response_format' must be {{\"type\": \"text\" | \"json_object\" | \"json_schema\"}}, got {value.GetRawText()}", out error);
        }
    }

    // Chat: logprobs is a boolean and top_logprobs 0–20; completions: logprobs is the count, 0–5.
    private static bool TryLogprobs(JsonElement body, bool isChat, out int? topLogprobs, out string? error)
    {
        topLogprobs = null;
        if (!isChat)
        {
            if (!TryInteger(body, "logprobs", 0, 5, out var count, out error)) return false;
            topLogprobs = (int?)count;
            return true;
        }
        error = null;
        var wanted = false;
        if (body.TryGetProperty("logprobs", out var flag) && flag.ValueKind != JsonValueKind.Null)
        {
            if (flag.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
                return Fail($"field 'body.logprobs' must be true or false, got {flag.GetRawText()}", out error);
            wanted = flag.GetBoolean();
        }
        if (!TryInteger(body, "top_logprobs", 0, 20, out var top, out error)) return false;
        if (top is not null && !wanted) return Fail("field 'body.top_logprobs' needs \"logprobs\": true", out error);
        topLogprobs = wanted ? (int)(top ?? 0) : null;
        return true;
    }

    private static bool TryShape(JsonElement body, out string? error)
    {
        error = null;
        if (body.TryGetProperty("n", out var n) && n.ValueKind != JsonValueKind.Null && !(n.TryGetInt32(out var count) && count == 1))
            return Fail($"field 'body.n' must be 1 (one choice per request), got {n.GetRawText()}", out error);
        if (body.TryGetProperty("stream", out var stream) && stream.ValueKind == JsonValueKind.True)
            return Fail("field 'body.stream' must be false in a batch", out error);
        return true;
    }

    private static bool TryInteger(JsonElement body, string name, long min, long max, out long? value, out string? error)
    {
        value = null;
        error = null;
        if (!body.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null) return true;
        if (element.ValueKind == JsonValueKind.Number && element.TryGetInt64(out var n) && n >= min && n <= max)
        {
            value = n;
            return true;
        }
        var range = min == long.MinValue ? "an integer" : max == int.MaxValue ? $"an integer of at least {min}" : $"an integer from {min} to {max}";
        return Fail($"field 'body.{name}' must be {range}, got {element.GetRawText()}", out error);
    }

    private static bool TryNumber(JsonElement body, string name, double min, double max, out double? value, out string? error)
    {
        value = null;
        error = null;
        if (!body.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null) return true;
        if (element.ValueKind == JsonValueKind.Number && element.TryGetDouble(out var n) && n >= min && n <= max)
        {
            value = n;
            return true;
        }
        return Fail($"field 'body.{name}' must be a number from {min} to {max}, got {element.GetRawText()}", out error);
    }

    private static bool Has(JsonElement body, string name) =>
        body.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null;

    private static bool Fail(string message, out string? error)
    {
        error = message;
        return false;
    }
}
