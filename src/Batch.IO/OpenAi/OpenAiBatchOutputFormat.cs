using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Batch.Core.Rows;
using Batch.Core.Rows.OpenAi;
using Batch.Core.Scheduling;

namespace Batch.IO.OpenAi;

/// <summary>
/// Writes rows as OpenAI's Batch API writes its output and error files:
/// <c>{id, custom_id, response: {status_code, request_id, body}, error}</c>, with a chat.completion or
/// text_completion body for a success and an <c>{error: {message, type, param, code}}</c> body (status 400)
/// for a request that failed. Ids derive from the custom_id, so a resumed job writes the same ones;
/// <c>created</c> is the time the line is written.
/// </summary>
public sealed partial class OpenAiBatchOutputFormat(TimeProvider time, string defaultModel)
{
    /// <summary>An output file line: the row's completion as an HTTP 200 response.</summary>
    public void WriteResponse(Utf8JsonWriter json, OutputRow row)
    {
        var key = Key(row);
        var isChat = Carried(row, OpenAiBatchLine.UrlCarry) is not { } url || url.GetString() != OpenAiBatchLine.CompletionsUrl;
        json.WriteStartObject();
        WriteHead(json, row, key, 200);
        json.WriteStartObject("body");
        json.WriteString("id", (isChat ? "chatcmpl-" : "cmpl-") + key);
        json.WriteString("object", isChat ? "chat.completion" : "text_completion");
        json.WriteNumber("created", time.GetUtcNow().ToUnixTimeSeconds());
        json.WriteString("model", Carried(row, OpenAiBatchLine.ModelCarry)?.GetString() ?? defaultModel);
        json.WriteStartArray("choices");
        json.WriteStartObject();
        json.WriteNumber("index", 0);
        if (isChat)
        {
            json.WriteStartObject("message");
            json.WriteString("role", "assistant");
            json.WriteString("content", row.Output);
            json.WriteNull("refusal");
            json.WriteEndObject();
        }
        else
        {
            json.WriteString("text", row.Output);
        }
        if (row.LogProbabilities is not { } logProbabilities) json.WriteNull("logprobs");
        else if (isChat) OpenAiLogProbabilities.WriteChat(json, logProbabilities);
        else OpenAiLogProbabilities.WriteCompletion(json, logProbabilities);
        json.WriteString("finish_reason", row.FinishReason == FinishReason.Length ? "length" : "stop");
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteStartObject("usage");
        json.WriteNumber("prompt_tokens", row.PromptTokens);
        json.WriteNumber("completion_tokens", row.CompletionTokens);
        json.WriteNumber("total_tokens", row.PromptTokens + row.CompletionTokens);
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteNull("error");
        json.WriteEndObject();
    }

    /// <summary>An error file line: the row's reason (prefixed with file:line) as an HTTP 400 response.</summary>
    public void WriteError(Utf8JsonWriter json, OutputRow row)
    {
        var message = row.Error ?? "the request failed";
        json.WriteStartObject();
        WriteHead(json, row, Key(row), 400);
        json.WriteStartObject("body");
        json.WriteStartObject("error");
        json.WriteString("message", message);
        json.WriteString("type", "invalid_request_error");
        var param = FieldName().Match(message);
        if (param.Success) json.WriteString("param", param.Groups[1].Value);
        else json.WriteNull("param");
        if (message.Contains("the context holds", StringComparison.Ordinal)) json.WriteString("code", "context_length_exceeded");
        else json.WriteNull("code");
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteNull("error");
        json.WriteEndObject();
    }

    private static void WriteHead(Utf8JsonWriter json, OutputRow row, string key, int status)
    {
        json.WriteString("id", "batch_req_" + key);
        json.WritePropertyName("custom_id");
        if (row.Id is { } id) id.WriteTo(json);
        else json.WriteNullValue();
        json.WriteStartObject("response");
        json.WriteNumber("status_code", status);
        json.WriteString("request_id", "req_" + key);
    }

    // A line without a usable custom_id is keyed by where it is, which is as stable across resumes.
    private static string Key(OutputRow row)
    {
        var text = row.Id is { ValueKind: JsonValueKind.String } id ? "id:" + id.GetString() : $"at:{row.Source}:{row.Line}";
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)).AsSpan(0, 12));
    }

    private static JsonElement? Carried(OutputRow row, string name)
    {
        foreach (var (key, value) in row.Carry)
        {
            if (key == name && value is { ValueKind: JsonValueKind.String } text) return text;
        }
        return null;
    }

    [GeneratedRegex("field '([^']+)'")]
    private static partial Regex FieldName();
}
