using Batch.Core.Decoding;
using Batch.Core.Rows;
using Batch.Core.Scheduling;
using Batch.Llama.Decoding;
using Batch.Llama.Tokenization;
using Batch.Testing;
using LLama;

namespace Batch.Llama.Tests.Decoding;

/// <summary>Per-token log-probabilities (OpenAI logprobs) from the real decoder.</summary>
public sealed class LogProbabilityTests : IDisposable
{
    private readonly LLamaWeights _weights = TinyModel.LoadWeights(2048);
    private readonly LlamaTokenizer _tokenizer;

    public LogProbabilityTests() => _tokenizer = new LlamaTokenizer(_weights);

    public void Dispose() => _weights.Dispose();

    [Fact]
    public void GreedyTokens_AreTheMostLikely_AndMatchAPlainScoringPass()
    {
        var prompt = _tokenizer.Tokenize("The river ran past the old mill and the stone bridge.", addBos: true);
        var requests = new[]
        {
            new GenerationRequest(new DocumentId("with"), prompt, 6, SamplingOptions.Greedy, [], IgnoreEos: true, TopLogprobs: 3),
            new GenerationRequest(new DocumentId("without"), prompt, 6, SamplingOptions.Greedy, [], IgnoreEos: true),
        };
        Assert.True(LlamaDecoder.TryCreate(_weights, new LlamaDecoderOptions(2, 256, 64, 2), out var decoder, out var error), error);
        using var _ = decoder;

        var run = DecodeLoop.Execute(decoder!, _tokenizer, requests, maxSequences: 2, maxBatchTokens: 64);

        Assert.Null(Assert.Single(run.Completions, c => c.Id.Value == "without").LogProbabilities);
        var completion = Assert.Single(run.Completions, c => c.Id.Value == "with");
        var logProbabilities = completion.LogProbabilities!;
        Assert.Equal(completion.TokenIds, logProbabilities.Select(l => l.Token));
        var reference = new LabelScoreReference(_weights);
        for (var i = 0; i < logProbabilities.Count; i++)
        {
            var step = logProbabilities[i];
            Assert.Equal(3, step.Top.Count);
            Assert.Equal(step.Token, step.Top[0].Token);   // greedy picks the most likely token
            Assert.True(step.Top[0].LogProbability >= step.Top[1].LogProbability && step.Top[1].LogProbability >= step.Top[2].LogProbability);
            Assert.True(step.Top.Sum(t => Math.Exp(t.LogProbability)) <= 1.0001);
            var context = prompt.Concat(completion.TokenIds!.Take(i)).ToArray();
            Assert.Equal(reference.Score(context, [step.Token]), step.LogProbability, 2);
        }
    }
}
