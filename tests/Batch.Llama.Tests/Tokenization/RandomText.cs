using System.Text;
using Batch.Llama.Synthetic;

namespace Batch.Llama.Tests.Tokenization;

/// <summary>Seeded random strings of valid Unicode scalars, weighted towards the ranges tokenizers get wrong.</summary>
internal static class RandomText
{
    private static readonly (int First, int Last)[] Ranges =
    [
        (0x00, 0x1F),        // C0 controls, tab, newlines
        (0x20, 0x7E),        // ASCII
        (0x20, 0x7E),
        (0x80, 0x24F),       // C1 controls, Latin-1, Latin Extended
        (0x0300, 0x036F),    // combining marks
        (0x0400, 0x04FF),    // Cyrillic
        (0x0590, 0x06FF),    // Hebrew, Arabic
        (0x0E00, 0x0E7F),    // Thai
        (0x2000, 0x206F),    // general punctuation, zero-width joiner
        (0x2580, 0x259F),    // block elements, near "▁"
        (0x3040, 0x30FF),    // kana
        (0x4E00, 0x9FFF),    // CJK
        (0xAC00, 0xD7A3),    // Hangul
        (0xE000, 0xF8FF),    // private use
        (0xFE00, 0xFFFD),    // variation selectors, specials, U+FFFD
        (0x1F300, 0x1FAFF),  // emoji
        (0x10000, 0x10FFFF), // anywhere in the supplementary planes
    ];

    public static IEnumerable<string> Strings(ulong seed, int count, int maxLength)
    {
        var random = new Xoshiro256(seed);
        for (var i = 0; i < count; i++)
        {
            var text = new StringBuilder();
            var length = random.NextInt(maxLength + 1);
            for (var j = 0; j < length; j++)
            {
                var (first, last) = Ranges[random.NextInt(Ranges.Length)];
                text.Append(new Rune(first + random.NextInt(last - first + 1)).ToString());
            }

            yield return text.ToString();
        }
    }
}
