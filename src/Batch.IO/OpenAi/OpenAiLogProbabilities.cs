using System.Text;
using System.Text.Json;
using Batch.Core.Decoding;

namespace Batch.IO.OpenAi;

/// <summary>Writes a choice's <c>logprobs</c> in the chat or the legacy completions shape of OpenAI's API.</summary>
internal static class OpenAiLogProbabilities
{
    /// <summary>Chat: <c>{content: [{token, logprob, bytes, top_logprobs: [{token, logprob, bytes}]}], refusal: null}</c>.</summary>
    public static void WriteChat(Utf8JsonWriter json, IReadOnlyList<TokenLogProbability> tokens)
    {
        json.WriteStartObject("logprobs");
        json.WriteStartArray("content");
        foreach (var t in tokens)
        {
            json.WriteStartObject();
            WriteToken(json, t.Bytes, t.LogProbability);
            json.WriteStartArray("top_logprobs");
            foreach (var a in t.Top)
            {
                json.WriteStartObject();
                WriteToken(json, a.Bytes, a.LogProbability);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteNull("refusal");
        json.WriteEndObject();
    }

    /// <summary>Completions: <c>{tokens, token_logprobs, top_logprobs: [{token: logprob}], text_offset}</c>.</summary>
    public static void WriteCompletion(Utf8JsonWriter json, IReadOnlyList<TokenLogProbability> tokens)
    {
        json.WriteStartObject("logprobs");
        json.WriteStartArray("tokens");
        foreach (var t in tokens) json.WriteStringValue(Text(t.Bytes));
        json.WriteEndArray();
        json.WriteStartArray("token_logprobs");
        foreach (var t in tokens) json.WriteNumberValue(t.LogProbability);
        json.WriteEndArray();
        json.WriteStartArray("top_logprobs");
        foreach (var t in tokens)
        {
            json.WriteStartObject();
            // Two alternatives can render alike (e.g. invalid UTF-8 pieces); the first, most likely, wins.
            foreach (var a in t.Top.DistinctBy(a => Text(a.Bytes))) json.WriteNumber(Text(a.Bytes), a.LogProbability);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteStartArray("text_offset");
        var offset = 0;
        foreach (var t in tokens)
        {
            json.WriteNumberValue(offset);
            offset += Text(t.Bytes).Length;
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteToken(Utf8JsonWriter json, byte[] bytes, float logProbability)
    {
        json.WriteString("token", Text(bytes));
        json.WriteNumber("logprob", logProbability);
        json.WriteStartArray("bytes");
        foreach (var b in bytes) json.WriteNumberValue(b);
        json.WriteEndArray();
    }

    private static string Text(byte[] bytes) => Encoding.UTF8.GetString(bytes);
}
