using Batch.Core.Decoding;
using LLama;
using LLama.Native;

namespace Batch.Llama.Decoding;

/// <summary>
/// A one-stream f16 context beside a decoder's context with a quantized cache (q8_0 keys, and values in q8_0
/// or f16). A fresh prompt's first chunk is computed here, where llama.cpp's tiled attention kernel runs (it
/// takes only f16 or f32 K and V of one type), and its KV then moves into the row's slot of the quantized
/// context, whose decode steps read the smaller rows.
/// </summary>
public sealed unsafe class PrefillContext : IDisposable
{
    private static readonly LLamaSeqId Stream = (LLamaSeqId)0;
    private readonly SafeLLamaContextHandle _context;
    private readonly LLamaBatch _batch = new();
    private readonly KvRowFormat _keys;
    private readonly KvRowFormat _values;

    private PrefillContext(SafeLLamaContextHandle context, KvRowFormat keys, KvRowFormat values, int cells)
    {
        _context = context;
        _keys = keys;
        _values = values;
        Cells = cells;
    }

    /// <summary>Whether a cache of <paramref name="types"/> can take prompts computed in f16: it is quantized, and the converter writes both halves.</summary>
    public static bool Supports(KvCacheTypes types) =>
        types.IsQuantized && KvRowFormat.CanWrite(types.Keys) && KvRowFormat.CanWrite(types.Values);

    /// <summary>Cells of the f16 stream: one batch of tokens.</summary>
    public int Cells { get; }

    /// <summary>The context whose logits hold the last prefilled chunk's output.</summary>
    public SafeLLamaContextHandle Context => _context;

    /// <summary>Creates the f16 context for <paramref name="target"/>, an empty split context of <paramref name="targetStreams"/> streams whose cache holds <paramref name="targetTypes"/>.</summary>
    public static bool TryCreate(LLamaWeights weights, LLamaContextParams targetParameters, SafeLLamaContextHandle target, int targetStreams,
        KvCacheTypes targetTypes, out PrefillContext? prefill, out string? error)
    {
        if (!Supports(targetTypes)) throw new ArgumentException($"prompts cannot be moved into a {targetTypes.Name} cache", nameof(targetTypes));
        prefill = null;
        var p = targetParameters;
        p.n_ctx = (uint)NativeContext.RoundUp((int)p.n_batch, 256);
        p.n_seq_max = 1;
        p.type_k = GGMLType.GGML_TYPE_F16;
        p.type_v = GGMLType.GGML_TYPE_F16;
        if (!NativeContext.TryCreate(weights, p, $"the f16 prefill context of {p.n_ctx} cells", out var context, out error))
            return false;
        var (keys, values) = DetectRotation(context, target, targetStreams, targetTypes, weights.Vocab.Count);
        prefill = new PrefillContext(context, keys, values, (int)p.n_ctx);
        error = null;
        return true;
    }

    /// <summary>Whether this item is a fresh prompt's first chunk: nothing of its row is in the KV yet.</summary>
    public bool Accepts(StepItem item) => item.StartPosition == 0 && item.Tokens.Length > 1 && item.Scores.Count == 0 && item.Tokens.Length <= Cells;

    /// <summary>Computes the chunk; returns the batch index of its last token's logits.</summary>
    /// <remarks>The stream is emptied before every chunk and a chunk never exceeds it, so llama.cpp refusing one is a bug.</remarks>
    public int Decode(StepItem item)
    {
        _context.MemorySequenceRemove(Stream, -1, -1);
        _batch.Clear();
        var last = item.Tokens.Length - 1;
        for (var i = 0; i <= last; i++) _batch.Add((LLamaToken)item.Tokens[i], i, Stream, i == last && item.WantsToken);
        var status = _context.Decode(_batch);
        if (status != DecodeResult.Ok) throw new LlamaDecodeException($"llama_decode failed with {status} on a prefill chunk of {item.Tokens.Length} tokens");
        return last;
    }

    /// <summary>Moves the chunk's cells into <paramref name="slot"/> of <paramref name="target"/> in its formats, leaving this stream empty.</summary>
    public void MoveTo(SafeLLamaContextHandle target, int targetStreams, int slot)
    {
        var state = Read(_context, Stream);
        var converted = KvStateConverter.Convert(state, targetStreams, slot, _keys, _values);
        target.MemorySequenceRemove((LLamaSeqId)slot, -1, -1);
        nuint read;
        fixed (byte* source = converted) read = target.SetState(source, (nuint)converted.Length, (LLamaSeqId)slot);
        if (read == 0) throw new LlamaDecodeException($"llama.cpp refused the prefilled KV of slot {slot}");
        _context.MemorySequenceRemove(Stream, -1, -1);
    }

    public void Dispose() => _context.Dispose();

    // Quantized caches of some builds store K and V rotated (a Walsh–Hadamard transform per head), and the
    // rule is not exposed: compute a few tokens in both contexts and keep the widths whose conversion
    // matches the target's own rows best.
    private static (KvRowFormat Keys, KvRowFormat Values) DetectRotation(SafeLLamaContextHandle prefill, SafeLLamaContextHandle target, int targetStreams,
        KvCacheTypes types, int vocabulary)
    {
        const int probeTokens = 8;
        var batch = new LLamaBatch();
        foreach (var context in new[] { prefill, target })
        {
            batch.Clear();
            for (var i = 0; i < probeTokens; i++) batch.Add((LLamaToken)(1 + i * 7 % (vocabulary - 1)), i, Stream, false);
            if (context.Decode(batch) != DecodeResult.Ok) throw new LlamaDecodeException("the KV rotation probe could not decode");
        }
        var native = Read(target, Stream);
        var source = Read(prefill, Stream);
        ReadOnlySpan<int> widths = [0, 32, 64, 128, 256];
        var (best, bestEqual) = ((new KvRowFormat(types.Keys, 0), new KvRowFormat(types.Values, 0)), -1);
        foreach (var keyWidth in widths)
        {
            foreach (var valueWidth in widths)
            {
                var formats = (Keys: new KvRowFormat(types.Keys, keyWidth), Values: new KvRowFormat(types.Values, valueWidth));
                byte[] converted;
                try
                {
                    converted = KvStateConverter.Convert(source, targetStreams, 0, formats.Keys, formats.Values);
                }
                catch (InvalidOperationException)
                {
                    continue;
                }
                if (converted.Length != native.Length) continue;
                var equal = 0;
                for (var i = 0; i < native.Length; i++) if (native[i] == converted[i]) equal++;
                if (equal > bestEqual) (best, bestEqual) = (formats, equal);
            }
        }
        prefill.MemorySequenceRemove(Stream, -1, -1);
        target.MemorySequenceRemove(Stream, -1, -1);
        return best;
    }

    /// <summary>One sequence's serialized KV state (llama_state_seq_get_data).</summary>
    internal static byte[] Read(SafeLLamaContextHandle context, LLamaSeqId sequence)
    {
        var state = new byte[(int)context.GetStateSize(sequence)];
        fixed (byte* destination = state) context.GetState(destination, (nuint)state.Length, sequence);
        return state;
    }
}
