using System.Text.Json;
using Batch.Core.Text;

namespace Batch.Core.Rows;

/// <summary>A valid row with its prompt rendered, waiting to be tokenized.</summary>
/// <param name="Values">For a chunked summary: the text of every field its prompts use, to render them per chunk; else null.</param>
/// <param name="Prompt">The prompt text; unused when <paramref name="Messages"/> is set.</param>
/// <param name="Messages">A chat to render with the model's chat template instead of <paramref name="Prompt"/>.</param>
/// <param name="Overrides">Generation settings of this row that replace the job's.</param>
public sealed record PreparedRow(
    DocumentId Id,
    JsonElement IdValue,
    string Prompt,
    IReadOnlyList<KeyValuePair<string, JsonElement?>> Carry,
    string Source,
    long Line,
    int? MaxTokens = null,
    IReadOnlyDictionary<string, string>? Values = null,
    IReadOnlyList<ChatMessage>? Messages = null,
    RowOverrides? Overrides = null);
