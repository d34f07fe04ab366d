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
    [InlineData("root ::= missing\n", "undefined rule 'missing'")]
    [InlineData("root ::= \"unterminated\n", "expected '\"'")]
    [InlineData("root ::= root \"a\"\n", "left-recursive")]
    [InlineData("item ::= \"a\"\n", "no 'root' rule")]
    public void InvalidGrammar_IsAnErrorValue_AndNeverReachesLlamaCpp(string gbnf, string reason)
    {
        Assert.False(GrammarSampler.TryCreate(_weights, gbnf, out var sampler, out var error));

        Assert.Null(sampler);
        Assert.Contains("not given to llama.cpp", error, StringComparison.Ordinal);
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("root ::= missing\n")]
    [InlineData("root ::= root \"a\"\n")]
    [InlineData("item ::= \"a\"\n")]
    public void GrammarLlamaCppRefuses_IsAnErrorValue_NotACrash(string gbnf)
    {
        Assert.False(GrammarSampler.TryCreateNative(_weights, gbnf, out var sampler, out var error));

        Assert.Null(sampler);
        Assert.Contains("llama.cpp rejected the grammar", error, StringComparison.Ordinal);
    }
}
