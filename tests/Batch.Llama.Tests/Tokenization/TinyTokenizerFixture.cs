using Batch.Llama.Tokenization;
using Batch.Testing;
using LLama;

namespace Batch.Llama.Tests.Tokenization;

/// <summary>One loaded tiny model and its tokenizer, shared by a test class.</summary>
public sealed class TinyTokenizerFixture : IDisposable
{
    public TinyTokenizerFixture()
    {
        Weights = TinyModel.LoadWeights();
        Tokenizer = new LlamaTokenizer(Weights);
    }

    public LLamaWeights Weights { get; }

    public LlamaTokenizer Tokenizer { get; }

    public void Dispose() => Weights.Dispose();
}
