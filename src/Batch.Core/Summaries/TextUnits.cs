using Batch.Core.Text;

namespace Batch.Core.Summaries;

/// <summary>Cuts a text into <see cref="TextUnit"/>s: words with their trailing whitespace, each at most a chunk's tokens.</summary>
public static class TextUnits
{
    /// <summary>Units covering the whole text in order (leading whitespace goes with the first word).</summary>
    public static IReadOnlyList<TextUnit> Split(string text, ITokenizer tokenizer, int maxTokens)
    {
        var units = new List<TextUnit>();
        var i = 0;
        while (i < text.Length)
        {
            var wordStart = i;
            while (wordStart < text.Length && char.IsWhiteSpace(text[wordStart])) wordStart++;
            var wordEnd = wordStart;
            while (wordEnd < text.Length && !char.IsWhiteSpace(text[wordEnd])) wordEnd++;
            var end = wordEnd;
            while (end < text.Length && char.IsWhiteSpace(text[end])) end++;
            var after = end == text.Length ? Boundary.End : Classify(text, wordStart, wordEnd, end);
            Add(units, text, tokenizer, maxTokens, i, end, after);
            i = end;
        }
        return units;
    }

    private static Boundary Classify(string text, int wordStart, int wordEnd, int end)
    {
        var newlines = text.AsSpan(wordEnd, end - wordEnd).Count('\n');
        if (newlines >= 2) return Boundary.Paragraph;
        if (newlines == 1) return Boundary.Sentence;
        var last = wordEnd - 1;
        while (last > wordStart && "\"')]}»”’".Contains(text[last])) last--;
        return last >= wordStart && ".!?…。！？".Contains(text[last]) ? Boundary.Sentence : Boundary.Word;
    }

    // A word longer than a chunk is halved until each slice fits; the cuts inside it are the worst kind.
    private static void Add(List<TextUnit> units, string text, ITokenizer tokenizer, int maxTokens, int start, int end, Boundary after)
    {
        var tokens = tokenizer.Tokenize(text[start..end], addBos: false).Length;
        var middle = start + (end - start) / 2;
        if (middle < end && char.IsLowSurrogate(text[middle])) middle++;
        if (tokens <= maxTokens || middle <= start || middle >= end)
        {
            units.Add(new TextUnit(start, end, tokens, after));
            return;
        }
        Add(units, text, tokenizer, maxTokens, start, middle, Boundary.Character);
        Add(units, text, tokenizer, maxTokens, middle, end, after);
    }
}
