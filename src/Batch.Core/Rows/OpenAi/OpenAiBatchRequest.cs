using System.Text.Json;
using Batch.Core.Text;

namespace Batch.Core.Rows.OpenAi;

/// <summary>One valid OpenAI Batch API request line.</summary>
/// <param name="CustomId">The line's <c>custom_id</c>, the row's id.</param>
/// <param name="Url">The endpoint: <see cref="OpenAiBatchLine.ChatCompletionsUrl"/> or <see cref="OpenAiBatchLine.CompletionsUrl"/>.</param>
/// <param name="Model">The body's <c>model</c>, echoed back in the response; null when absent.</param>
/// <param name="Messages">The chat of a chat completion; null for a completion.</param>
/// <param name="Prompt">The prompt of a completion; null for a chat completion.</param>
public sealed record OpenAiBatchRequest(
    JsonElement CustomId,
    string Url,
    JsonElement? Model,
    IReadOnlyList<ChatMessage>? Messages,
    string? Prompt,
    int? MaxTokens,
    RowOverrides Overrides);
