using Batch.Core.Decoding;
using Batch.Core.Jobs;
using Batch.Core.Scheduling;
using Batch.Core.Text;

namespace Batch.Core.Rows;

/// <summary>Tokenizes a prepared row into a generation request; safe on many threads.</summary>
public sealed class RequestBuilder(ITokenizer tokenizer, GenerationOptions generation, int maxSequenceTokens, ClassifyPrompt? classify = null)
{
    /// <summary>The builder for a job: with task: classify, requests score the job's labels.</summary>
    public static RequestBuilder ForJob(ITokenizer tokenizer, JobSpec job, int maxSequenceTokens) =>
        new(tokenizer, job.Generation, maxSequenceTokens, job.Task == JobTask.Classify ? new ClassifyPrompt(job.Classify) : null);

    /// <summary>A request, or an error when the prompt cannot fit the context.</summary>
    public bool TryBuild(PreparedRow row, out GenerationRequest? request, out string? error)
    {
        var tokens = tokenizer.Tokenize(row.Prompt, addBos: true);
        request = null;
        if (tokens.Length + 1 > maxSequenceTokens)
        {
            error = $"prompt has {tokens.Length} tokens; the context holds {maxSequenceTokens} per sequence (prompt + output)";
            return false;
        }
        var g = generation;
        var sampling = new SamplingOptions(g.Temperature, g.TopK, g.TopP, g.MinP, g.RepeatPenalty, RowSeed.Derive(g.Seed, row.Id));
        request = new GenerationRequest(row.Id, tokens, row.MaxTokens ?? g.MaxTokens, sampling, g.Stop, g.IgnoreEos)
        {
            Scoring = classify?.ScoringFor(tokenizer, row.Prompt, tokens),
        };
        error = null;
        return true;
    }
}
