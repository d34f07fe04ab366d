using System.Text.Json;

namespace Batch.Core.Rows;

/// <summary>A valid row with its prompt rendered, waiting to be tokenized.</summary>
/// <param name="Values">For a chunked summary: the text of every field its prompts use, to render them per chunk; else null.</param>
public sealed record PreparedRow(
    DocumentId Id,
    JsonElement IdValue,
    string Prompt,
    IReadOnlyList<KeyValuePair<string, JsonElement?>> Carry,
    string Source,
    long Line,
    int? MaxTokens = null,
    IReadOnlyDictionary<string, string>? Values = null);
