using Batch.Core.Decoding;
using Batch.Core.Jobs;
using Batch.Core.Scheduling;
using Batch.Core.Text;

namespace Batch.Core.Rows;

/// <summary>Tokenizes a prepared row into a generation request; safe on many threads.</summary>
/// <param name="grammar">The job's GBNF grammar (from <c>response_format</c>), shared by every row; null = none.</param>
public sealed class RequestBuilder(ITokenizer tokenizer, GenerationOptions generation, int maxSequenceTokens, string? grammar = null)
{
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
        var sampling = new SamplingOptions(g.Temperature, g.TopK, g.TopP, g.MinP, g.RepeatPenalty, RowSeed.Derive(g.Seed, row.Id)) { Grammar = grammar };
        request = new GenerationRequest(row.Id, tokens, row.MaxTokens ?? g.MaxTokens, sampling, g.Stop, g.IgnoreEos);
        error = null;
        return true;
    }
}
