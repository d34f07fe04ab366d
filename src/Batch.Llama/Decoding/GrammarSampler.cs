using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;
using Batch.Core.Structured;
using Batch.Llama.Tokenization;
using LLama;
using LLama.Native;

namespace Batch.Llama.Decoding;

/// <summary>
/// One parsed llama.cpp grammar sampler, kept as a template: each sequence gets a clone (llama_sampler_clone
/// copies the parsed rules and the start state), so the GBNF is parsed once per decoder, not once per row.
/// LLamaSharp's AddGrammar adds whatever llama_sampler_init_grammar returns, and a NULL there (a grammar
/// llama.cpp rejects) crashes the process on the next sample (engine.md §6), so the native calls are made here
/// and NULL becomes an error value.
/// </summary>
public sealed unsafe class GrammarSampler : IDisposable
{
    private readonly delegate* unmanaged[Cdecl]<IntPtr, IntPtr> _clone;
    private readonly delegate* unmanaged[Cdecl]<IntPtr, IntPtr, void> _chainAdd;
    private readonly delegate* unmanaged[Cdecl]<IntPtr, void> _free;
    private readonly byte[][] _tokenBytes;
    private IntPtr _template;

    private GrammarSampler(string gbnf, byte[][] tokenBytes, IntPtr template, IntPtr clone, IntPtr chainAdd, IntPtr free)
    {
        Gbnf = gbnf;
        _tokenBytes = tokenBytes;
        _template = template;
        _clone = (delegate* unmanaged[Cdecl]<IntPtr, IntPtr>)clone;
        _chainAdd = (delegate* unmanaged[Cdecl]<IntPtr, IntPtr, void>)chainAdd;
        _free = (delegate* unmanaged[Cdecl]<IntPtr, void>)free;
    }

    /// <summary>The grammar's GBNF text.</summary>
    public string Gbnf { get; }

    /// <summary>
    /// Checks <paramref name="gbnf"/> with <see cref="GbnfGrammar"/>, then parses it (root rule <c>root</c>) against
    /// the model's vocabulary; false with the reason when either refuses it.
    /// </summary>
    public static bool TryCreate(LLamaWeights weights, string gbnf, [NotNullWhen(true)] out GrammarSampler? sampler, [NotNullWhen(false)] out string? error)
    {
        sampler = null;
        if (!GbnfGrammar.TryParse(gbnf, out _, out var invalid))
        {
            error = $"the grammar is invalid, so it was not given to llama.cpp: {invalid}";
            return false;
        }
        return TryCreateNative(weights, gbnf, out sampler, out error);
    }

    /// <summary>llama.cpp's parse alone; internal so tests can show a refusal is an error value, not a crash.</summary>
    internal static bool TryCreateNative(LLamaWeights weights, string gbnf, [NotNullWhen(true)] out GrammarSampler? sampler, [NotNullWhen(false)] out string? error)
    {
        sampler = null;
        LlamaRuntime.EnsureInitialized();
        if (!NativeLibrary.TryLoad("llama", typeof(NativeApi).Assembly, null, out var library)
            || !NativeLibrary.TryGetExport(library, "llama_model_get_vocab", out var getVocab)
            || !NativeLibrary.TryGetExport(library, "llama_sampler_init_grammar", out var init)
            || !NativeLibrary.TryGetExport(library, "llama_sampler_clone", out var clone)
            || !NativeLibrary.TryGetExport(library, "llama_sampler_chain_add", out var chainAdd)
            || !NativeLibrary.TryGetExport(library, "llama_sampler_free", out var free))
        {
            error = "the loaded llama library does not export the grammar sampler functions";
            return false;
        }
        var model = weights.NativeHandle;
        var added = false;
        var text = Marshal.StringToCoTaskMemUTF8(gbnf);
        var root = Marshal.StringToCoTaskMemUTF8("root");
        try
        {
            model.DangerousAddRef(ref added);
            var vocab = ((delegate* unmanaged[Cdecl]<IntPtr, IntPtr>)getVocab)(model.DangerousGetHandle());
            var template = ((delegate* unmanaged[Cdecl]<IntPtr, IntPtr, IntPtr, IntPtr>)init)(vocab, text, root);
            if (template == IntPtr.Zero)
            {
                error = "llama.cpp rejected the grammar (see its log above)";
                return false;
            }
            sampler = new GrammarSampler(gbnf, VocabularyBytes(model), template, clone, chainAdd, free);
            error = null;
            return true;
        }
        finally
        {
            Marshal.FreeCoTaskMem(text);
            Marshal.FreeCoTaskMem(root);
            if (added) model.DangerousRelease();
        }
    }

    /// <summary>Appends a UTF-8 guard and a fresh copy of the grammar (at its start state) to <paramref name="chain"/>, which owns them.</summary>
    public void AddTo(SafeLLamaSamplerChainHandle chain)
    {
        ObjectDisposedException.ThrowIf(_template == IntPtr.Zero, this);
        chain.AddCustom(new Utf8GuardSampler(_tokenBytes));
        var copy = _clone(_template);
        if (copy == IntPtr.Zero) throw new InvalidOperationException("llama_sampler_clone returned NULL for a grammar sampler");
        var added = false;
        chain.DangerousAddRef(ref added);
        try
        {
            _chainAdd(chain.DangerousGetHandle(), copy);
        }
        finally
        {
            if (added) chain.DangerousRelease();
        }
    }

    private static byte[][] VocabularyBytes(SafeLlamaModelHandle model)
    {
        var count = model.Vocab.Count;
        var result = new byte[count][];
        Span<byte> buffer = stackalloc byte[TokenBytes.StackBufferLength];
        for (var i = 0; i < count; i++) result[i] = TokenBytes.Get(model, i, buffer).ToArray();
        return result;
    }

    public void Dispose()
    {
        if (_template == IntPtr.Zero) return;
        _free(_template);
        _template = IntPtr.Zero;
    }
}
