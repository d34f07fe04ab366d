using System.Text.Json;
using Batch.Core.Decoding;
using Batch.Core.Rows;
using Batch.Core.Scheduling;
using Batch.Core.Structured;
using Batch.Llama.Decoding;
using Batch.Llama.Tokenization;
using Batch.Testing;
using LLama;

namespace Batch.Llama.Tests.Decoding;

/// <summary>The real decoder under a grammar made from a JSON Schema, on the generated tiny model (random weights).</summary>
public sealed class GrammarDecodingTests : IDisposable
{
    private const string Schema = """
        {"type": "object", "properties": {
            "name": {"type": "string", "minLength": 1, "maxLength": 10},
            "score": {"type": "integer", "minimum": -5, "maximum": 250},
            "mood": {"enum": ["up", "down"]},
            "tags": {"type": "array", "items": {"type": "string", "maxLength": 6}, "minItems": 1, "maxItems": 2},
            "note": {"anyOf": [{"type": "null"}, {"type": "boolean"}]}},
         "required": ["name", "score", "tags"]}
        """;

    private readonly LLamaWeights _weights = TinyModel.LoadWeights(2048);
    private readonly LlamaTokenizer _tokenizer;
    private readonly GbnfGrammar _grammar;

    public GrammarDecodingTests()
    {
        _tokenizer = new LlamaTokenizer(_weights);
        using var schema = JsonDocument.Parse(Schema);
        Assert.True(JsonSchemaGrammar.TryConvert(schema.RootElement, out var grammar, out var problem), problem?.ToString());
        _grammar = grammar;
    }

    public void Dispose() => _weights.Dispose();

    [Theory]
    [InlineData(0f, null)]
    [InlineData(0.9f, null)]
    [InlineData(0.9f, 20)]   // a small pool: sequences are preempted and replay their tokens into a fresh grammar
    public void EveryRowThatFinishes_MatchesTheGrammar_AndIsValidUtf8Json(float temperature, int? poolBlocks)
    {
        var requests = Enumerable.Range(0, 8).Select(i => Request($"g{i}", $"Describe item {i} as JSON:", temperature, (uint)i)).ToList();
        using var decoder = CreateDecoder(slots: 6);

        var run = DecodeLoop.Execute(decoder, _tokenizer, requests, maxSequences: 6, maxBatchTokens: 64, poolBlocks: poolBlocks);

        Assert.Equal(8, run.Completions.Count);
        var finished = run.Completions.Where(c => c.FinishReason == FinishReason.Stop).ToList();
        Assert.True(finished.Count >= 6, $"only {finished.Count} of 8 rows finished within max_tokens");
        foreach (var completion in finished)
        {
            Assert.True(_grammar.Matches(completion.Text), $"{completion.Id.Value}: {completion.Text}");
            Assert.DoesNotContain('\uFFFD', completion.Text);
            using var json = JsonDocument.Parse(completion.Text);
            Assert.InRange(json.RootElement.GetProperty("score").GetInt32(), -5, 250);
        }
        if (poolBlocks is not null) Assert.True(run.Preemptions > 0, "expected the small pool to preempt");
    }

    private LlamaDecoder CreateDecoder(int slots)
    {
        Assert.True(LlamaDecoder.TryCreate(_weights, new LlamaDecoderOptions(slots, 512, 64, 2), out var decoder, out var error), error);
        return decoder!;
    }

    private GenerationRequest Request(string id, string prompt, float temperature, uint seed) =>
        new(new DocumentId(id), _tokenizer.Tokenize(prompt, addBos: true), 160,
            new SamplingOptions(temperature, 40, 0.95f, 0.05f, 1f, seed) { Grammar = _grammar.Text }, []);
}
