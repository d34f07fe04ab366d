using LLama.Native;

namespace Batch.Llama.Tokenization;

/// <summary>A token's raw UTF-8 bytes; control tokens render as nothing, so user text never gains "&lt;/s&gt;".</summary>
internal static class TokenBytes
{
    public const int StackBufferLength = 64;

    /// <summary>The bytes of <paramref name="token"/>, in <paramref name="buffer"/> when they fit, else in a new array.</summary>
    public static ReadOnlySpan<byte> Get(SafeLlamaModelHandle model, int token, Span<byte> buffer)
    {
        var length = (int)model.TokenToSpan(token, buffer, lstrip: 0, special: false);
        if (length <= buffer.Length)
        {
            return buffer[..length];
        }

        var large = new byte[length];
        var written = (int)model.TokenToSpan(token, large, lstrip: 0, special: false);
        return large.AsSpan(0, written);
    }
}
