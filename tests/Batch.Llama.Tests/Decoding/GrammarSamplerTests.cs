using System.Text.Json;
using Batch.Core.Structured;
using Batch.Llama.Decoding;
using Batch.Testing;
using LLama;

namespace Batch.Llama.Tests.Decoding;

/// <summary>llama.cpp's own grammar parser agrees with ours on the grammars the converter writes.</summary>
public sealed class GrammarSamplerTests : IDisposable
{
    private readonly LLamaWeights _weights = TinyModel.LoadWeights(512);

    public void Dispose() => _weights.Dispose();

    [Fact]
    public void EveryConvertedSchema_IsAcceptedByLlamaCpp()
    {
        foreach (var schemaCase in SchemaCases.All)
        {
            using var schema = JsonDocument.Parse(schemaCase.Schema);
            Assert.True(JsonSchemaGrammar.TryConvert(schema.RootElement, out var grammar, out var problem), $"{schemaCase}: {problem}");

            Assert.True(GrammarSampler.TryCreate(_weights, grammar.Text, out var sampler, out var error), $"{schemaCase}: {error}\n{grammar.Text}");
            sampler.Dispose();
        }
    }

    [Theory]
    [InlineData("root ::= missing\n")]
    [InlineData("root ::= \"unterminated\n")]
    [InlineData("root ::= root \"a\"\n")]
    [InlineData("item ::= \"a\"\n")]
    public void GrammarLlamaCppRejects_IsAnErrorValue_NotACrash(string gbnf)
    {
        Assert.False(GbnfGrammar.TryParse(gbnf, out _, out _), "our checker must refuse it too");

        Assert.False(GrammarSampler.TryCreate(_weights, gbnf, out var sampler, out var error));

        Assert.Null(sampler);
        Assert.Contains("rejected", error, StringComparison.Ordinal);
    }
}
