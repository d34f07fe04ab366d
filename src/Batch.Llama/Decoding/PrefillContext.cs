using Batch.Core.Decoding;
using LLama;
using LLama.Native;

namespace Batch.Llama.Decoding;

/// <summary>
/// A one-stream f16 context beside a q8_0 decoder's context. A fresh prompt's first chunk is computed here,
/// where llama.cpp's tiled attention kernel runs (it takes only f16 or f32 K and V), and its KV then moves
/// into the row's slot of the q8_0 context, whose decode steps read half the bytes.
/// </summary>
public sealed unsafe class PrefillContext : IDisposable
{
    private static readonly LLamaSeqId Stream = (LLamaSeqId)0;
    private readonly SafeLLamaContextHandle _context;
    private readonly LLamaBatch _batch = new();
    private readonly int _rotationWidth;

    private PrefillContext(SafeLLamaContextHandle context, int rotationWidth, int cells)
    {
        _context = context;
        _rotationWidth = rotationWidth;
        Cells = cells;
    }

    /// <summary>Cells of the f16 stream: one batch of tokens.</summary>
    public int Cells { get; }

    /// <summary>The context whose logits hold the last prefilled chunk's output.</summary>
    public SafeLLamaContextHandle Context => _context;

    /// <summary>Creates the f16 context for <paramref name="target"/>, an empty q8_0 split context of <paramref name="targetStreams"/> streams.</summary>
    public static bool TryCreate(LLamaWeights weights, LLamaContextParams targetParameters, SafeLLamaContextHandle target, int targetStreams,
        out PrefillContext? prefill, out string? error)
    {
        prefill = null;
        var p = targetParameters;
        p.n_ctx = (uint)NativeContext.RoundUp((int)p.n_batch, 256);
        p.n_seq_max = 1;
        p.type_k = GGMLType.GGML_TYPE_F16;
        p.type_v = GGMLType.GGML_TYPE_F16;
        if (!NativeContext.TryCreate(weights, p, $"the f16 prefill context of {p.n_ctx} cells", out var context, out error))
            return false;
        var width = DetectRotation(context, target, targetStreams, weights.Vocab.Count);
        prefill = new PrefillContext(context, width, (int)p.n_ctx);
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

    /// <summary>Moves the chunk's cells into <paramref name="slot"/> of <paramref name="target"/> as q8_0, leaving this stream empty.</summary>
    public void MoveTo(SafeLLamaContextHandle target, int targetStreams, int slot)
    {
        var state = Read(_context, Stream);
        var converted = KvStateConverter.ToQ8_0(state, targetStreams, slot, _rotationWidth);
        target.MemorySequenceRemove((LLamaSeqId)slot, -1, -1);
        nuint read;
        fixed (byte* source = converted) read = target.SetState(source, (nuint)converted.Length, (LLamaSeqId)slot);
        if (read == 0) throw new LlamaDecodeException($"llama.cpp refused the prefilled KV of slot {slot}");
        _context.MemorySequenceRemove(Stream, -1, -1);
    }

    public void Dispose() => _context.Dispose();

    // Quantized caches of some builds store K and V rotated (a Walsh–Hadamard transform per head), and the
    // rule is not exposed: compute a few tokens in both contexts and keep the width whose conversion
    // matches the target's own rows best.
    private static int DetectRotation(SafeLLamaContextHandle prefill, SafeLLamaContextHandle target, int targetStreams, int vocabulary)
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
        var (best, bestEqual) = (0, -1);
        foreach (var width in (ReadOnlySpan<int>)[0, 32, 64, 128, 256])
        {
            byte[] converted;
            try
            {
                converted = KvStateConverter.ToQ8_0(source, targetStreams, 0, width);
            }
            catch (InvalidOperationException)
            {
                continue;
            }
            if (converted.Length != native.Length) continue;
            var equal = 0;
            for (var i = 0; i < native.Length; i++) if (native[i] == converted[i]) equal++;
            if (equal > bestEqual) (best, bestEqual) = (width, equal);
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
