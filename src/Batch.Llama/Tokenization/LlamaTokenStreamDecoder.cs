using System.Text;
using Batch.Core.Text;
using LLama.Native;

namespace Batch.Llama.Tokenization;

/// <summary>Detokenizes one sequence token by token, holding back bytes until they complete a UTF-8 character.</summary>
public sealed class LlamaTokenStreamDecoder : ITokenStreamDecoder
{
    private readonly SafeLlamaModelHandle _model;

    // System.Text.Decoder keeps an incomplete trailing sequence between calls and turns truly invalid bytes into
    // U+FFFD, which is exactly "never emit a broken character".
    private readonly Decoder _utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false).GetDecoder();
    private char[] _chars = new char[64];

    /// <summary>Creates a decoder for one sequence; not thread-safe, like the sequence it follows.</summary>
    public LlamaTokenStreamDecoder(SafeLlamaModelHandle model) => _model = model;

    /// <inheritdoc />
    public string Append(int token)
    {
        Span<byte> buffer = stackalloc byte[TokenBytes.StackBufferLength];
        var bytes = TokenBytes.Get(_model, token, buffer);
        if (bytes.IsEmpty)
        {
            return string.Empty;
        }

        var needed = Encoding.UTF8.GetMaxCharCount(bytes.Length);
        if (needed > _chars.Length)
        {
            _chars = new char[needed];
        }

        var count = _utf8.GetChars(bytes, _chars, flush: false);
        return count == 0 ? string.Empty : new string(_chars, 0, count);
    }
}
