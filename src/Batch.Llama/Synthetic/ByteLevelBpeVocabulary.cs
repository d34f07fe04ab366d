namespace Batch.Llama.Synthetic;

/// <summary>A deterministic GPT-2-style byte-level BPE vocabulary: special tokens, 256 byte tokens, then merged pieces.</summary>
public sealed class ByteLevelBpeVocabulary
{
    /// <summary>llama.cpp's token type for ordinary tokens.</summary>
    public const int NormalTokenType = 1;

    /// <summary>llama.cpp's token type for control tokens (never produced from text when special = false).</summary>
    public const int ControlTokenType = 3;

    /// <summary>The beginning- and end-of-text token.</summary>
    public const string EndOfText = "<|endoftext|>";

    /// <summary>ChatML's turn opener.</summary>
    public const string ImStart = "<|im_start|>";

    /// <summary>ChatML's turn closer, the end-of-turn token.</summary>
    public const string ImEnd = "<|im_end|>";

    private static readonly string[] SpecialTokens = [EndOfText, ImStart, ImEnd];

    private ByteLevelBpeVocabulary(IReadOnlyList<string> tokens, IReadOnlyList<string> merges)
    {
        Tokens = tokens;
        Merges = merges;
        TokenTypes = tokens.Select((_, id) => id < SpecialTokens.Length ? ControlTokenType : NormalTokenType).ToArray();
    }

    /// <summary>Token texts by id (byte-level characters, as GGUF stores them).</summary>
    public IReadOnlyList<string> Tokens { get; }

    /// <summary>llama.cpp token types by id.</summary>
    public IReadOnlyList<int> TokenTypes { get; }

    /// <summary>Merges "a b" by rank; each joins two tokens that exist into a token that exists.</summary>
    public IReadOnlyList<string> Merges { get; }

    /// <summary>The id of <c>&lt;|endoftext|&gt;</c>, used as both BOS and EOS.</summary>
    public int EndOfTextId => 0;

    /// <summary>The id of <c>&lt;|im_start|&gt;</c>.</summary>
    public int ImStartId => 1;

    /// <summary>The id of <c>&lt;|im_end|&gt;</c>, the end-of-turn token.</summary>
    public int ImEndId => 2;

    /// <summary>Builds a vocabulary of exactly <paramref name="size"/> tokens; the same size always gives the same result.</summary>
    public static ByteLevelBpeVocabulary Build(int size)
    {
        var minimum = SpecialTokens.Length + 256;
        if (size < minimum)
        {
            throw new ArgumentOutOfRangeException(nameof(size), size, $"A byte-level vocabulary needs at least {minimum} tokens.");
        }

        var tokens = new List<string>(size);
        tokens.AddRange(SpecialTokens);
        for (var b = 0; b < 256; b++)
        {
            tokens.Add(ByteLevelAlphabet.ForByte((byte)b).ToString());
        }

        var known = new HashSet<string>(tokens, StringComparer.Ordinal);
        var merges = new List<string>(size);
        new BpeMergeLearner(BpeTrainingCorpus.Pieces()).Learn(tokens, known, merges, size);
        CombinePieces(tokens, known, merges, size);
        return new ByteLevelBpeVocabulary(tokens, merges);
    }

    // Past what the corpus supports, join word-like pieces ("Ġthe" + "re") in order of how early both appeared,
    // so that the filler tokens are at least ones the gpt-2 pre-tokenizer can produce.
    private static void CombinePieces(List<string> tokens, HashSet<string> known, List<string> merges, int size)
    {
        const int maxLength = 16;
        var heads = tokens.Where(t => IsLetters(t, allowSpacePrefix: true)).ToArray();
        var tails = tokens.Where(t => IsLetters(t, allowSpacePrefix: false)).ToArray();
        for (var diagonal = 0; tokens.Count < size; diagonal++)
        {
            if (diagonal > heads.Length + tails.Length)
            {
                throw new InvalidOperationException($"Ran out of piece combinations at {tokens.Count} tokens.");
            }

            for (var i = Math.Max(0, diagonal - tails.Length + 1); i <= Math.Min(diagonal, heads.Length - 1) && tokens.Count < size; i++)
            {
                var (head, tail) = (heads[i], tails[diagonal - i]);
                var joined = head + tail;
                if (joined.Length <= maxLength && known.Add(joined))
                {
                    tokens.Add(joined);
                    merges.Add(head + " " + tail);
                }
            }
        }
    }

    private static bool IsLetters(string token, bool allowSpacePrefix)
    {
        var start = allowSpacePrefix && token.Length > 1 && token[0] == ByteLevelAlphabet.ForByte((byte)' ') ? 1 : 0;
        for (var i = start; i < token.Length; i++)
        {
            if (token[i] is < 'a' or > 'z')
            {
                return false;
            }
        }

        return token.Length > start;
    }
}
