using System.Runtime.InteropServices;
using LLama.Native;

namespace Batch.Llama.Decoding;

/// <summary>
/// A llama_batch in unmanaged memory that this decoder fills itself, so it can be passed to
/// llama_decode directly (see <see cref="DirectDecode"/>) without LLamaSharp's batch wrapper.
/// One sequence id per token: the engine never tags a token with several sequences.
/// </summary>
public sealed unsafe class NativeBatch : IDisposable
{
    private readonly int _capacity;
    private readonly LLamaToken* _tokens;
    private readonly LLamaPos* _positions;
    private readonly int* _seqIdCounts;
    private readonly LLamaSeqId* _seqIds;
    private readonly LLamaSeqId** _seqIdPointers;
    private readonly byte* _logits;

    public NativeBatch(int capacity)
    {
        _capacity = capacity;
        _tokens = (LLamaToken*)NativeMemory.Alloc((nuint)capacity, (nuint)sizeof(LLamaToken));
        _positions = (LLamaPos*)NativeMemory.Alloc((nuint)capacity, (nuint)sizeof(LLamaPos));
        _seqIdCounts = (int*)NativeMemory.Alloc((nuint)capacity, sizeof(int));
        _seqIds = (LLamaSeqId*)NativeMemory.Alloc((nuint)capacity, (nuint)sizeof(LLamaSeqId));
        _seqIdPointers = (LLamaSeqId**)NativeMemory.Alloc((nuint)capacity, (nuint)sizeof(LLamaSeqId*));
        _logits = (byte*)NativeMemory.Alloc((nuint)capacity, 1);
        for (var i = 0; i < capacity; i++)
        {
            _seqIdCounts[i] = 1;
            _seqIdPointers[i] = _seqIds + i;
        }
    }

    public int Count { get; private set; }

    public void Clear() => Count = 0;

    /// <summary>Adds a token; returns its index in the batch (the index logits are read at).</summary>
    public int Add(int token, int position, int sequence, bool wantsLogits)
    {
        if (Count == _capacity) throw new InvalidOperationException($"batch holds at most {_capacity} tokens");
        _tokens[Count] = token;
        _positions[Count] = position;
        _seqIds[Count] = (LLamaSeqId)sequence;
        _logits[Count] = wantsLogits ? (byte)1 : (byte)0;
        return Count++;
    }

    public LLamaNativeBatch ToNative() => new()
    {
        n_tokens = Count,
        tokens = _tokens,
        embd = null,
        pos = _positions,
        n_seq_id = _seqIdCounts,
        seq_id = _seqIdPointers,
        logits = _logits,
    };

    public void Dispose()
    {
        NativeMemory.Free(_tokens);
        NativeMemory.Free(_positions);
        NativeMemory.Free(_seqIdCounts);
        NativeMemory.Free(_seqIds);
        NativeMemory.Free(_seqIdPointers);
        NativeMemory.Free(_logits);
    }
}
