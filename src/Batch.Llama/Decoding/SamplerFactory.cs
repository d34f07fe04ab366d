using Batch.Core.Decoding;
using LLama.Native;

namespace Batch.Llama.Decoding;

/// <summary>Builds a per-sequence llama.cpp sampler chain from sampling options.</summary>
public static class SamplerFactory
{
    // How many recent tokens the repeat penalty looks at (llama.cpp's default window).
    private const int PenaltyWindow = 64;

    /// <summary>penalties → top-k → top-p → min-p → temperature → dist(seed), or greedy at temperature 0.</summary>
    public static SafeLLamaSamplerChainHandle Create(SamplingOptions options)
    {
        var chain = SafeLLamaSamplerChainHandle.Create(LLamaSamplerChainParams.Default());
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
