using System.Diagnostics.CodeAnalysis;
using Batch.Core.Jobs;
using Batch.Core.Structured;
using Batch.Llama;
using Batch.Llama.Decoding;

namespace Batch.Cli.Structured;

/// <summary>Turns a job's response format into the pieces a run needs, once the model is loaded.</summary>
public static class ResponseFormats
{
    /// <summary>
    /// The output check for <paramref name="format"/> (null when there is none), after llama.cpp itself has
    /// accepted the grammar on this model's vocabulary: a rejected grammar stops the job here, not mid-run.
    /// </summary>
    public static bool TryPrepare(ResponseFormatOptions? format, LlamaModel model, out StructuredOutputCheck? check, [NotNullWhen(false)] out string? error)
    {
        check = null;
        error = null;
        if (format is null) return true;
        if (!SchemaValidator.TryCreate(format.Schema, out var validator, out error)) return false;
        if (!GrammarSampler.TryCreate(model.Weights, format.Grammar, out var grammar, out var nativeError))
        {
            error = $"response_format: {nativeError}";
            return false;
        }
        grammar.Dispose();
        check = new StructuredOutputCheck(validator.FirstProblem);
        return true;
    }
}
