using System.Text.Json;
using Batch.Core.Scheduling;

namespace Batch.Core.Rows;

/// <summary>One line of the job's output: a completion or an error, with the carried input fields.</summary>
public sealed record OutputRow(
    JsonElement? Id,
    IReadOnlyList<KeyValuePair<string, JsonElement?>> Carry,
    string? Output,
    FinishReason FinishReason,
    int PromptTokens,
    int CompletionTokens,
    string? Error,
    string Source,
    long Line,
    IReadOnlyList<int>? TokenIds = null)
{
    public bool IsError => FinishReason == FinishReason.Error;

    /// <summary>Set for task: classify; the output is then the label.</summary>
    public Classification? Classification { get; init; }

    /// <summary>Each generated token's log-probability, when the row asked for them (OpenAI batch logprobs).</summary>
    public IReadOnlyList<Decoding.TokenLogProbability>? LogProbabilities { get; init; }

    /// <summary>An error row for a record that never reached the model.</summary>
    public static OutputRow Failed(InputRecord record, JsonElement? id, IReadOnlyList<KeyValuePair<string, JsonElement?>> carry, string error) =>
        new(id, carry, null, FinishReason.Error, 0, 0, $"{record.Source}:{record.Line}: {error}", record.Source, record.Line);
}
