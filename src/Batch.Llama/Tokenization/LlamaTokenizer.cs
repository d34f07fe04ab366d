using System.Text;
using Batch.Core.Text;
using LLama;
using LLama.Native;

namespace Batch.Llama.Tokenization;

/// <summary>An <see cref="ITokenizer"/> over a loaded llama.cpp model; safe to use from many threads.</summary>
public sealed class LlamaTokenizer : ITokenizer
{
    private readonly SafeLlamaModelHandle _model;
    private readonly SafeLlamaModelHandle.Vocabulary _vocabulary;

    /// <summary>Wraps the model's vocabulary; the weights must outlive this tokenizer.</summary>
    public LlamaTokenizer(LLamaWeights weights)
        : this(weights.NativeHandle)
    {
    }

    /// <summary>Wraps the model's vocabulary; the handle must outlive this tokenizer.</summary>
    public LlamaTokenizer(SafeLlamaModelHandle model)
    {
        _model = model;
        _vocabulary = model.Vocab;
        VocabularySize = _vocabulary.Count;
        BosToken = (int?)_vocabulary.BOS;
        EosToken = (int?)_vocabulary.EOS;
        ShouldAddBos = _vocabulary.ShouldAddBOS;
    }

    /// <summary>The number of tokens in the vocabulary.</summary>
    public int VocabularySize { get; }

    /// <summary>The beginning-of-sequence token, if the vocabulary has one.</summary>
    public int? BosToken { get; }

    /// <summary>The end-of-sequence token, if the vocabulary has one.</summary>
    public int? EosToken { get; }

    /// <summary>Whether the model expects a BOS token at the start of every sequence.</summary>
    public bool ShouldAddBos { get; }

    /// <summary>Whether generating <paramref name="token"/> ends the output (EOS, EOT and other end-of-generation tokens).</summary>
    public bool IsEndOfGeneration(int token) => ((LLamaToken)token).IsEndOfGeneration(_vocabulary);

    /// <inheritdoc />
    public int[] Tokenize(string text, bool addBos)
    {
        var tokens = _model.Tokenize(text, addBos, special: false, Encoding.UTF8);
        var ids = new int[tokens.Length];
        for (var i = 0; i < tokens.Length; i++)
        {
            ids[i] = (int)tokens[i];
        }

        return ids;
    }

    /// <inheritdoc />
    public string Detokenize(IReadOnlyList<int> tokens)
    {
        var bytes = new List<byte>(tokens.Count * 4);
        Span<byte> buffer = stackalloc byte[TokenBytes.StackBufferLength];
        foreach (var token in tokens)
        {
            bytes.AddRange(TokenBytes.Get(_model, token, buffer));
        }

        return Encoding.UTF8.GetString(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(bytes));
    }

    /// <inheritdoc />
    public ITokenStreamDecoder CreateStreamDecoder() => new LlamaTokenStreamDecoder(_model);
}
