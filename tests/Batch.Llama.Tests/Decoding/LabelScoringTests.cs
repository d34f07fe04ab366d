using Batch.Core.Decoding;
using Batch.Core.Jobs;
using Batch.Core.Rows;
using Batch.Core.Scheduling;
using Batch.Llama.Decoding;
using Batch.Llama.Tokenization;
using Batch.Testing;
using LLama;

namespace Batch.Llama.Tests.Decoding;

/// <summary>Classification by label scoring through the real decoder, against labels scored one by one in plain passes.</summary>
public sealed class LabelScoringTests : IDisposable
{
    private static readonly string[] Labels = ["positive", "negative", "neutral", "mixed feelings about it"];
    private readonly LLamaWeights _weights = TinyModel.LoadWeights(2048);
    private readonly LlamaTokenizer _tokenizer;

    public LabelScoringTests() => _tokenizer = new LlamaTokenizer(_weights);

    public void Dispose() => _weights.Dispose();

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void BatchedScores_EqualUnbatchedReference_AndProbabilitiesSumToOne(bool sharePrompt)
    {
        var classify = new ClassifyPrompt(new ClassifyOptions { Labels = Labels, SharePrompt = sharePrompt });
        var prompts = Enumerable.Range(0, 10).Select(i =>
            $"Review {i}: the {(i % 2 == 0 ? "bakery" : "library")} opened late and the staff were {new string('!', i % 3)} kind. Sentiment:").ToList();
        var requests = prompts.Select((p, i) => Request($"c{i}", p, classify)).ToList();
        Assert.Contains(requests[0].Scoring!.Labels, l => l.Length > 1);   // multi-token labels are exercised
        Assert.True(LlamaDecoder.TryCreate(_weights, new LlamaDecoderOptions(4, 256, 32, 2), out var decoder, out var error), error);
        using var _ = decoder;

        var run = DecodeLoop.Execute(decoder!, _tokenizer, requests, maxSequences: 4, maxBatchTokens: 32);

        var reference = new LabelScoreReference(_weights);
        var spreads = new List<double>();
        foreach (var request in requests)
        {
            var completion = Assert.Single(run.Completions, c => c.Id == request.Id);
            var expected = request.Scoring!.Labels.Select(label => reference.Score(request.PromptTokens, label)).ToArray();
            var got = classify.Decide(completion.LabelLogProbabilities!);
            var want = classify.Decide(expected);
            Assert.Equal(1.0, got.Probabilities.Sum(p => p.Value), 9);
            spreads.Add(got.Probabilities.Max(p => p.Value) - got.Probabilities.Min(p => p.Value));
            for (var i = 0; i < Labels.Length; i++)
                Assert.True(Math.Abs(got.Probabilities[i].Value - want.Probabilities[i].Value) <= 1e-3,
                    $"{request.Id} {Labels[i]}: {got.Probabilities[i].Value} vs reference {want.Probabilities[i].Value}");
        }
        // Near-uniform probabilities would make the comparison vacuous.
        Assert.True(spreads.Max() > 0.2, $"largest spread {spreads.Max()}");
    }

    private GenerationRequest Request(string id, string prompt, ClassifyPrompt classify)
    {
        var tokens = _tokenizer.Tokenize(prompt, addBos: true);
        return new GenerationRequest(new DocumentId(id), tokens, 1, SamplingOptions.Greedy, [])
        {
            Scoring = classify.ScoringFor(_tokenizer, prompt, tokens),
        };
    }
}
