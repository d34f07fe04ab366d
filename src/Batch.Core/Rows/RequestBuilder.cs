using Batch.Core.Decoding;
using Batch.Core.Jobs;
using Batch.Core.Scheduling;
using Batch.Core.Text;

namespace Batch.Core.Rows;

/// <summary>Tokenizes a prepared row into a generation request; safe on many threads.</summary>
/// <param name="chat">The model's chat template for rows with messages; null = none available.</param>
/// <param name="noChatReason">Why there is no chat template, for the error rows of chat rows.</param>
/// <param name="classify">Set for task: classify: requests score the job's labels instead of generating.</param>
/// <param name="grammar">The job's GBNF grammar (from <c>response_format</c>), shared by every row; null = none.</param>
public sealed class RequestBuilder(
    ITokenizer tokenizer, GenerationOptions generation, int maxSequenceTokens, IChatTemplate? chat = null, string? noChatReason = null,
    ClassifyPrompt? classify = null, string? grammar = null)
{
    /// <summary>The builder for a job: with task: classify, requests score the job's labels.</summary>
    public static RequestBuilder ForJob(ITokenizer tokenizer, JobSpec job, int maxSequenceTokens, IChatTemplate? chat = null, string? noChatReason = null) =>
        new(tokenizer, job.Generation, maxSequenceTokens, chat, noChatReason, job.Task == JobTask.Classify ? new ClassifyPrompt(job.Classify) : null,
            job.ResponseFormat?.Grammar);

    /// <summary>A request, or an error when the prompt cannot fit the context (or a chat cannot be rendered).</summary>
    public bool TryBuild(PreparedRow row, out GenerationRequest? request, out string? error)
    {
        request = null;
        if (!TryTokenize(row, out var tokens, out error)) return false;
        if (tokens.Length + 1 > maxSequenceTokens)
        {
            error = $"prompt has {tokens.Length} tokens; the context holds {maxSequenceTokens} per sequence (prompt + output)";
            return false;
        }
        var g = generation;
        var o = row.Overrides;
        var seed = o?.Seed ?? RowSeed.Derive(g.Seed, row.Id);
        var sampling = new SamplingOptions(o?.Temperature ?? g.Temperature, g.TopK, o?.TopP ?? g.TopP, g.MinP, g.RepeatPenalty, seed) { Grammar = o?.Grammar ?? grammar };
        request = new GenerationRequest(row.Id, tokens, row.MaxTokens ?? g.MaxTokens, sampling, o?.Stop ?? g.Stop, g.IgnoreEos,
            o?.ResponseFormat, o?.TopLogprobs)
        {
            Scoring = classify?.ScoringFor(tokenizer, row.Prompt, tokens),
        };
        error = null;
        return true;
    }

    private bool TryTokenize(PreparedRow row, out int[] tokens, out string? error)
    {
        if (row.Messages is null)
        {
            tokens = tokenizer.Tokenize(row.Prompt, addBos: true);
            error = null;
            return true;
        }
        if (chat is not null) return chat.TryEncode(row.Messages, out tokens, out error);
        tokens = [];
        error = $"the row is a chat, but {noChatReason ?? "the model has no chat template"}";
        return false;
    }
}
