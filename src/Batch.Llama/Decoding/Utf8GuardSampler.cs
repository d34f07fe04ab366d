using Batch.Core.Text;
using LLama.Native;

namespace Batch.Llama.Decoding;

/// <summary>
/// A sampler stage that refuses tokens whose bytes would make the output invalid UTF-8. llama.cpp's grammar
/// decodes UTF-8 leniently (no continuation, overlong or surrogate checks), so with byte-level tokens it can
/// accept bytes that .NET later turns into several U+FFFD: a string of maxLength characters would come out
/// longer, or a byte pair llama.cpp reads as '"' would end a JSON string that .NET never sees ended.
/// </summary>
public sealed class Utf8GuardSampler(byte[][] tokenBytes) : ICustomSampler
{
    private Utf8Cursor _cursor = Utf8Cursor.Start;

    public string Name => "utf8-guard";

    public void Apply(ref LLamaTokenDataArrayNative tokenData)
    {
        var data = tokenData.Data;
        for (var i = 0; i < data.Length; i++)
        {
            var id = (int)data[i].ID;
            if (id < 0 || id >= tokenBytes.Length || !_cursor.TryAdvance(tokenBytes[id], out _)) data[i].Logit = float.NegativeInfinity;
        }
        tokenData.Sorted = false;
    }

    public void Accept(LLamaToken token)
    {
        var id = (int)token;
        // A token the guard refused cannot be sampled; replayed history was sampled under the same guard.
        if (id >= 0 && id < tokenBytes.Length && _cursor.TryAdvance(tokenBytes[id], out var next)) _cursor = next;
    }

    public void Reset() => _cursor = Utf8Cursor.Start;

    public ICustomSampler Clone() => new Utf8GuardSampler(tokenBytes) { _cursor = _cursor };

    public void Dispose()
    {
    }
}
