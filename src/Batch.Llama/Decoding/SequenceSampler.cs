using Batch.Core.Decoding;
using LLama.Native;

namespace Batch.Llama.Decoding;

/// <summary>
/// One sequence's sampling. Without a grammar it is the plain chain. With one, a second chain (UTF-8 guard →
/// grammar) is consulted the way llama.cpp's own common sampler does: sample unconstrained, ask the grammar
/// about that one token, and only when it refuses apply the grammar to the whole vocabulary and sample again.
/// Applying the grammar to every candidate costs a walk of the grammar per vocabulary entry on every step;
/// checking one token is almost free. Greedy decoding picks the same token either way; sampling is rejection
/// sampling, so the same distribution up to where top-k/top-p truncate (before the mask rather than after).
/// </summary>
public sealed class SequenceSampler : IDisposable
{
    private readonly SafeLLamaSamplerChainHandle _chain;
    private readonly SafeLLamaSamplerChainHandle? _grammar;
    private readonly LLamaTokenData[] _single = new LLamaTokenData[1];
    private LLamaTokenData[] _candidates = [];

    private SequenceSampler(SafeLLamaSamplerChainHandle chain, SafeLLamaSamplerChainHandle? grammar)
    {
        _chain = chain;
        _grammar = grammar;
    }

    /// <summary>The chain for <paramref name="options"/>; <paramref name="grammar"/> is required when the options name a grammar.</summary>
    public static SequenceSampler Create(SamplingOptions options, GrammarSampler? grammar)
    {
        if (options.Grammar is null) return new SequenceSampler(SamplerFactory.Create(options), null);
        if (grammar is null || grammar.Gbnf != options.Grammar)
            throw new ArgumentException("the sampling options name a grammar but its parsed sampler was not passed", nameof(grammar));
        var constraint = SafeLLamaSamplerChainHandle.Create(LLamaSamplerChainParams.Default());
        grammar.AddTo(constraint);
        return new SequenceSampler(SamplerFactory.Create(options), constraint);
    }

    /// <summary>Samples from the <paramref name="index"/>-th logits of the last decode and accepts the token.</summary>
    public LLamaToken Sample(SafeLLamaContextHandle context, int index)
    {
        if (_grammar is null) return _chain.Sample(context, index);
        var logits = context.GetLogitsIth(index);
        var token = Select(logits, constrained: false);
        if (!Allows(token)) token = Select(logits, constrained: true);
        Accept(token);
        return token;
    }

    /// <summary>Records a token chosen earlier (replayed history after a preemption).</summary>
    public void Accept(LLamaToken token)
    {
        _chain.Accept(token);
        _grammar?.Accept(token);
    }

    public void Dispose()
    {
        _chain.Dispose();
        _grammar?.Dispose();
    }

    private LLamaToken Select(Span<float> logits, bool constrained)
    {
        if (_candidates.Length < logits.Length) _candidates = new LLamaTokenData[logits.Length];
        var candidates = LLamaTokenDataArray.Create(logits, _candidates);
        using var pin = LLamaTokenDataArrayNative.Create(candidates, out var native);
        if (constrained) _grammar!.Apply(ref native);
        _chain.Apply(ref native);
        return native.Data[(int)native.Selected].ID;
    }

    private bool Allows(LLamaToken token)
    {
        _single[0] = new LLamaTokenData(token, 0f, 0f);
        using var pin = LLamaTokenDataArrayNative.Create(new LLamaTokenDataArray(_single), out var native);
        _grammar!.Apply(ref native);
        return float.IsFinite(native.Data[0].Logit);
    }
}
