using System.Buffers.Binary;

namespace Batch.Llama.Tests.Decoding;

/// <summary>
/// The ggml element types of the K and the V rows in one sequence's serialized state
/// (<c>llama_state_seq_get_data</c>, the layout <see cref="Batch.Llama.Decoding.KvStateConverter"/> reads).
/// </summary>
internal static class KvStateTypes
{
    public const int F16 = 1;
    public const int Q4_0 = 2;
    public const int Q8_0 = 8;

    /// <summary>The type ids of every layer's K rows, then of every layer's V rows; empty when no cell is held.</summary>
    public static (int[] Keys, int[] Values) Read(byte[] state)
    {
        var at = 8;   // tag, sequence id
        var streams = U32(state, ref at);
        for (var stream = 0; stream < streams; stream++)
        {
            var cells = U32(state, ref at);
            if (cells == 0) continue;
            for (var c = 0; c < cells; c++)
            {
                at += 4;   // position
                var sequences = (int)U32(state, ref at);
                at += 4 * sequences;
            }
            if (U32(state, ref at) != 0) throw new InvalidOperationException("transposed V: flash attention was off");
            var layers = (int)U32(state, ref at);
            var types = new int[2 * layers];
            for (var tensor = 0; tensor < 2 * layers; tensor++)
            {
                types[tensor] = (int)U32(state, ref at);
                var rowBytes = BinaryPrimitives.ReadUInt64LittleEndian(state.AsSpan(at, 8));
                at += 8;
                at += checked((int)(rowBytes * cells));
            }
            return (types[..layers], types[layers..]);
        }
        return ([], []);
    }

    private static uint U32(byte[] state, ref int at)
    {
        var value = BinaryPrimitives.ReadUInt32LittleEndian(state.AsSpan(at, 4));
        at += 4;
        return value;
    }
}
