using Parquet.Schema;

namespace Batch.IO.Parquet;

/// <summary>
/// The output columns, one schema for completions and error rows: id, each carried column,
/// output, finish_reason, prompt_tokens, completion_tokens, error, and token_ids when asked for.
/// </summary>
internal sealed class ParquetOutputSchema
{
    private static readonly string[] Reserved = ["id", "output", "finish_reason", "prompt_tokens", "completion_tokens", "error"];

    /// <param name="includeProbabilities">Adds a nullable <c>probabilities</c> column (a JSON object of label → probability) for classification.</param>
    public ParquetOutputSchema(IReadOnlyList<string> carry, bool includeTokenIds, bool includeProbabilities = false)
    {
        // A carried column named like a fixed one would shadow it; the JSONL writer skips those too.
        CarryNames = carry
            .Where(name => !Reserved.Contains(name, StringComparer.Ordinal) && !(includeTokenIds && name == "token_ids")
                && !(includeProbabilities && name == "probabilities"))
            .Distinct(StringComparer.Ordinal)
            .ToArray();
        Carry = CarryNames.Select(name => new DataField<string>(name, nullable: true)).ToArray();
        Probabilities = includeProbabilities ? new DataField<string>("probabilities", nullable: true) : null;
        Field[] fixedColumns = Probabilities is { } p
            ? [Output, FinishReason, PromptTokens, CompletionTokens, Error, p]
            : [Output, FinishReason, PromptTokens, CompletionTokens, Error];
        if (includeTokenIds)
        {
            TokenId = new DataField<int>("element", nullable: false);
            Schema = new ParquetSchema([Id, .. Carry, .. fixedColumns, new ListField("token_ids", TokenId)]);
        }
        else
        {
            Schema = new ParquetSchema([Id, .. Carry, .. fixedColumns]);
        }
    }

    /// <summary>The carried column names that get a column, in order.</summary>
    public IReadOnlyList<string> CarryNames { get; }

    public ParquetSchema Schema { get; }

    public DataField Id { get; } = new DataField<string>("id", nullable: true);

    public IReadOnlyList<DataField> Carry { get; }

    public DataField Output { get; } = new DataField<string>("output", nullable: true);

    public DataField FinishReason { get; } = new DataField<string>("finish_reason", nullable: false);

    public DataField PromptTokens { get; } = new DataField<int>("prompt_tokens", nullable: false);

    public DataField CompletionTokens { get; } = new DataField<int>("completion_tokens", nullable: false);

    public DataField Error { get; } = new DataField<string>("error", nullable: true);

    /// <summary>Classification's label probabilities as JSON text; null when the job does not classify.</summary>
    public DataField? Probabilities { get; }

    /// <summary>The element of the nullable token_ids list (list&lt;int32&gt;); null when the output has no token ids.</summary>
    public DataField? TokenId { get; }
}
