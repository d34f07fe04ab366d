namespace Batch.Core.Rows;

/// <summary>
/// Per-row generation settings that replace the job's (an OpenAI batch line's body); null = the job's setting.
/// </summary>
/// <param name="Seed">Used as the row's seed as is, instead of one derived from the job seed and the row id.</param>
/// <param name="ResponseFormat">The request's <c>response_format</c> object as JSON text (json_object or json_schema); null = free text.</param>
/// <param name="Grammar">The GBNF grammar made from <paramref name="ResponseFormat"/>, checked when the line was read.</param>
/// <param name="Schema">The JSON schema outputs must match (json_schema), as JSON text; null with json_object (any object).</param>
/// <param name="TopLogprobs">Log-probabilities asked for: null = none, 0 = the chosen token's only, n = also the n most likely.</param>
public sealed record RowOverrides(
    float? Temperature = null,
    float? TopP = null,
    uint? Seed = null,
    IReadOnlyList<string>? Stop = null,
    string? ResponseFormat = null,
    int? TopLogprobs = null,
    string? Grammar = null,
    string? Schema = null);
