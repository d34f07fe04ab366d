using Batch.Core.Decoding;
using LLama.Native;

namespace Batch.Llama.Decoding;

/// <summary>Builds a per-sequence llama.cpp sampler chain from sampling options.</summary>
public static class SamplerFactory
{
    // How many recent tokens the repeat penalty looks at (llama.cpp's default window).
    private const int PenaltyWindow = 64;

    /// <summary>
    /// [UTF-8 guard → grammar →] penalties → top-k → top-p → min-p → temperature → dist(seed), or greedy at
    /// temperature 0.
    /// </summary>
    /// <param name="grammar">The parsed grammar of <see cref="SamplingOptions.Grammar"/>; required when that is set.</param>
    public static SafeLLamaSamplerChainHandle Create(SamplingOptions options, GrammarSampler? grammar = null)
    {
        if (options.Grammar is not null && (grammar is null || grammar.Gbnf != options.Grammar))
            throw new ArgumentException("the sampling options name a grammar but its parsed sampler was not passed", nameof(grammar));
        var chain = SafeLLamaSamplerChainHandle.Create(LLamaSamplerChainParams.Default());
        // First, over the whole vocabulary: after top-k there might be no token left that the grammar allows.
        if (options.Grammar is not null) grammar!.AddTo(chain);
        if (Math.Abs(options.RepeatPenalty - 1f) > 1e-6f)
            chain.AddPenalties(PenaltyWindow, options.RepeatPenalty, 0f, 0f);
        if (options.IsGreedy)
        {
            chain.AddGreedySampler();
            return chain;
        }
        // Without top-k every sample sorts the whole vocabulary (≈8× slower, engine.md §6).
        if (options.TopK > 0) chain.AddTopK(options.TopK);
        if (options.TopP < 1f) chain.AddTopP(options.TopP, 1);
        if (options.MinP > 0f) chain.AddMinP(options.MinP, 1);
        chain.AddTemperature(options.Temperature);
        chain.AddDistributionSampler(options.Seed);
        return chain;
    }
}
