using Batch.Core.Decoding;
using Batch.Core.Rows;
using Batch.Core.Scheduling;
using Batch.Llama.Decoding;
using Batch.Llama.Tokenization;
using Batch.Testing;
using LLama;

namespace Batch.Llama.Tests.Decoding;

/// <summary>
/// The f16-prefill path on a model with 64-wide heads, whose q8_0 cache llama.cpp stores rotated: the moved
/// rows must be rotated the same way, or every later token attends to garbage.
/// </summary>
public sealed class F16PrefillWideHeadTests : IDisposable
{
    private readonly LLamaWeights _weights = TinyModel.LoadWideHeadWeights(2048);
    private readonly LlamaTokenizer _tokenizer;

    public F16PrefillWideHeadTests() => _tokenizer = new LlamaTokenizer(_weights);

    public void Dispose() => _weights.Dispose();

    [Theory]
    [InlineData("q8_0")]
    [InlineData("q8_0/f16")]
    public void F16Prefill_OnRotatedCache_AgreesWithF16Reference(string cacheType)
    {
        Assert.True(KvCacheTypes.TryParse(cacheType, out var types));
        var random = new Random(37);
        var words = "the river a bakery council telescope night train library trail lighthouse chess harvest festival".Split(' ');
        var requests = Enumerable.Range(0, 6)
            .Select(i => new GenerationRequest(new DocumentId($"w{i}"),
                _tokenizer.Tokenize(string.Join(' ', Enumerable.Range(0, random.Next(20, 90)).Select(_ => words[random.Next(words.Length)])), addBos: true),
                10, SamplingOptions.Greedy, []))
            .ToList();
        Assert.True(LlamaDecoder.TryCreate(_weights, new LlamaDecoderOptions(6, 512, 128, 2, types, F16Prefill: true), out var decoder, out var error), error);
        using var hybrid = decoder!;

        var run = DecodeLoop.Execute(hybrid, _tokenizer, requests, maxSequences: 6, maxBatchTokens: 128);

        var reference = new TeacherForcingReference(_weights);
        foreach (var request in requests)
            Assert.Empty(reference.Check(request.PromptTokens, run.Tokens[request.Id.Value], 0.1f));
    }
}
