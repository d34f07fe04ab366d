using System.Text;

namespace Batch.Llama.Synthetic;

/// <summary>GPT-2's bytes_to_unicode: each byte maps to one printable character, so BPE pieces are plain strings.</summary>
public static class ByteLevelAlphabet
{
    private static readonly char[] ByteToChar = BuildTable();

    /// <summary>The character standing for byte <paramref name="value"/>.</summary>
    public static char ForByte(byte value) => ByteToChar[value];

    /// <summary>Encodes text as UTF-8 and maps every byte to its stand-in character.</summary>
    public static string Encode(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var chars = new char[bytes.Length];
        for (var i = 0; i < bytes.Length; i++)
        {
            chars[i] = ByteToChar[bytes[i]];
        }

        return new string(chars);
    }

    private static char[] BuildTable()
    {
        // Printable Latin-1 bytes stand for themselves; the other 68 are moved to U+0100 onwards, in byte order.
        var table = new char[256];
        var next = 256;
        for (var b = 0; b < 256; b++)
        {
            var printable = b is >= '!' and <= '~' or >= 0xA1 and <= 0xAC or >= 0xAE and <= 0xFF;
            table[b] = printable ? (char)b : (char)next++;
        }

        return table;
    }
}
