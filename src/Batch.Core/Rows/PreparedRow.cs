using System.Text.Json;

namespace Batch.Core.Rows;

/// <summary>A valid row with its prompt rendered, waiting to be tokenized.</summary>
public sealed record PreparedRow(
    DocumentId Id,
    JsonElement IdValue,
    string Prompt,
    IReadOnlyList<KeyValuePair<string, JsonElement?>> Carry,
    string Source,
    long Line,
    int? MaxTokens = null);
