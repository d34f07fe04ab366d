namespace Batch.Core.Text;

/// <summary>
/// Where a byte stream stands in UTF-8 (RFC 3629): how many continuation bytes the current character still
/// needs and the range its next byte must fall in, which rules out overlong forms, surrogates and code points
/// above U+10FFFF. Lets a sampler refuse a token that would make the output invalid UTF-8.
/// </summary>
public readonly record struct Utf8Cursor(int Remaining, byte Low, byte High)
{
    /// <summary>Between characters.</summary>
    public static Utf8Cursor Start { get; } = new(0, 0x80, 0xBF);

    /// <summary>True when the stream is between characters.</summary>
    public bool IsComplete => Remaining == 0;

    /// <summary>Feeds <paramref name="bytes"/>; false when they break UTF-8 (then <paramref name="next"/> is meaningless).</summary>
    public bool TryAdvance(ReadOnlySpan<byte> bytes, out Utf8Cursor next)
    {
        next = this;
        foreach (var b in bytes)
        {
            if (next.Remaining > 0)
            {
                if (b < next.Low || b > next.High) return false;
                next = new Utf8Cursor(next.Remaining - 1, 0x80, 0xBF);
                continue;
            }
            next = b switch
            {
                < 0x80 => Start,
                >= 0xC2 and <= 0xDF => new Utf8Cursor(1, 0x80, 0xBF),
                0xE0 => new Utf8Cursor(2, 0xA0, 0xBF),
                >= 0xE1 and <= 0xEC or 0xEE or 0xEF => new Utf8Cursor(2, 0x80, 0xBF),
                0xED => new Utf8Cursor(2, 0x80, 0x9F),
                0xF0 => new Utf8Cursor(3, 0x90, 0xBF),
                >= 0xF1 and <= 0xF3 => new Utf8Cursor(3, 0x80, 0xBF),
                0xF4 => new Utf8Cursor(3, 0x80, 0x8F),
                _ => default,
            };
            if (next == default) return false;
        }
        return true;
    }
}
