using System.Text;
using System.Text.Json;
using Batch.Core.Text;

namespace Batch.Core.Rows;

/// <summary>Reads a row's chat messages: an array of <c>{role, content}</c> objects, as OpenAI's API takes them.</summary>
public static class ChatMessages
{
    /// <summary>
    /// Parses <paramref name="value"/>; <paramref name="field"/> names it in the error. Content is a string or
    /// an array of text parts (<c>{type: "text", text}</c>), joined; other parts (images, audio) are errors.
    /// </summary>
    public static bool TryParse(JsonElement value, string field, out IReadOnlyList<ChatMessage> messages, out string? error)
    {
        messages = [];
        if (value.ValueKind != JsonValueKind.Array)
        {
            error = $"field '{field}' must be an array of {{role, content}} objects, not {Describe(value.ValueKind)}";
            return false;
        }
        var parsed = new List<ChatMessage>();
        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            var at = $"{field}[{index++}]";
            if (item.ValueKind != JsonValueKind.Object)
            {
                error = $"field '{at}' must be a {{role, content}} object, not {Describe(item.ValueKind)}";
                return false;
            }
            if (!item.TryGetProperty("role", out var role) || role.ValueKind != JsonValueKind.String || role.GetString()!.Length == 0)
            {
                error = $"field '{at}.role' must be a non-empty string (system, user, assistant, …)";
                return false;
            }
            if (!item.TryGetProperty("content", out var content) || !TryReadContent(content, out var text))
            {
                error = $"field '{at}.content' must be a string or an array of text parts";
                return false;
            }
            parsed.Add(new ChatMessage(role.GetString()!, text));
        }
        if (parsed.Count == 0)
        {
            error = $"field '{field}' must hold at least one message";
            return false;
        }
        messages = parsed;
        error = null;
        return true;
    }

    /// <summary><paramref name="messages"/> with <paramref name="system"/> first, unless they already open with a system message.</summary>
    public static IReadOnlyList<ChatMessage> WithSystem(IReadOnlyList<ChatMessage> messages, string? system) =>
        system is null || (messages.Count > 0 && messages[0].Role == "system")
            ? messages
            : [new ChatMessage("system", system), .. messages];

    private static bool TryReadContent(JsonElement content, out string text)
    {
        text = "";
        if (content.ValueKind == JsonValueKind.String)
        {
            text = content.GetString()!;
            return true;
        }
        if (content.ValueKind != JsonValueKind.Array) return false;
        var joined = new StringBuilder();
        foreach (var part in content.EnumerateArray())
        {
            if (part.ValueKind != JsonValueKind.Object
                || !part.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String || type.GetString() != "text"
                || !part.TryGetProperty("text", out var partText) || partText.ValueKind != JsonValueKind.String)
            {
                return false;
            }
            joined.Append(partText.GetString());
        }
        text = joined.ToString();
        return true;
    }

    internal static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => kind.ToString().ToLowerInvariant(),
    };
}
