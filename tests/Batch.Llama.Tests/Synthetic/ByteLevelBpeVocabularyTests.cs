using Batch.Llama.Synthetic;

namespace Batch.Llama.Tests.Synthetic;

public sealed class ByteLevelBpeVocabularyTests
{
    private static readonly ByteLevelBpeVocabulary Bench = ByteLevelBpeVocabulary.Build(SyntheticPreset.Bench.VocabularySize);

    [Fact]
    public void Build_HasExactlyTheRequestedNumberOfDistinctTokens()
    {
        Assert.Equal(32000, Bench.Tokens.Count);
        Assert.Equal(Bench.Tokens.Count, Bench.Tokens.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(Bench.Tokens.Count, Bench.TokenTypes.Count);
    }

    [Fact]
    public void Build_EveryMergeJoinsTwoExistingTokensIntoAnExistingToken()
    {
        var ids = Bench.Tokens.Select((token, id) => (token, id)).ToDictionary(p => p.token, p => p.id, StringComparer.Ordinal);

        foreach (var merge in Bench.Merges)
        {
            var parts = merge.Split(' ');
            Assert.Equal(2, parts.Length);
            Assert.True(ids.ContainsKey(parts[0]) && ids.ContainsKey(parts[1]), merge);
            Assert.True(ids.TryGetValue(parts[0] + parts[1], out var joined), merge);
            Assert.True(joined > ids[parts[0]] && joined > ids[parts[1]], merge);
        }
    }

    [Fact]
    public void Build_StartsWithControlTokensThenAllBytes()
    {
        Assert.Equal(["<|endoftext|>", "<|im_start|>", "<|im_end|>"], Bench.Tokens.Take(3));
        Assert.All(Bench.TokenTypes.Take(3), type => Assert.Equal(ByteLevelBpeVocabulary.ControlTokenType, type));
        Assert.All(Bench.TokenTypes.Skip(3), type => Assert.Equal(ByteLevelBpeVocabulary.NormalTokenType, type));
        var byteTokens = Bench.Tokens.Skip(3).Take(256).ToArray();
        Assert.Equal(256, byteTokens.Distinct().Count());
        Assert.All(byteTokens, t => Assert.Single(t));
    }

    [Fact]
    public void Build_SmallerVocabularyIsAPrefixOfTheLargerOne()
    {
        var tiny = ByteLevelBpeVocabulary.Build(SyntheticPreset.Tiny.VocabularySize);

        Assert.Equal(Bench.Tokens.Take(tiny.Tokens.Count), tiny.Tokens);
    }

    [Fact]
    public void Build_LearnsCommonEnglishPieces()
    {
        var space = ByteLevelAlphabet.ForByte((byte)' ');

        Assert.Contains(space + "the", Bench.Tokens);
        Assert.Contains(space + "and", Bench.Tokens);
    }

    [Theory]
    [InlineData("company")]
    [InlineData("government")]
    [InlineData("significant")]
    [InlineData("environmental")]
    [InlineData("traditional")]
    public void Build_BenchVocabularyHoldsCommonWordsWhole(string word)
    {
        // Real tokenizers spend about one token per common English word; the benchmarks' prefill and
        // attention costs are only comparable with theirs if the synthetic one does too.
        var space = ByteLevelAlphabet.ForByte((byte)' ');

        Assert.Contains(space + word, Bench.Tokens);
    }

    [Fact]
    public void Build_IsDeterministic()
    {
        var again = ByteLevelBpeVocabulary.Build(SyntheticPreset.Bench.VocabularySize);

        Assert.Equal(Bench.Tokens, again.Tokens);
        Assert.Equal(Bench.Merges, again.Merges);
    }

    [Fact]
    public void ByteLevelAlphabet_MapsPrintableBytesToThemselvesAndOthersAboveLatin1()
    {
        Assert.Equal('a', ByteLevelAlphabet.ForByte((byte)'a'));
        Assert.Equal('\u0120', ByteLevelAlphabet.ForByte((byte)' '));
        Assert.Equal('\u010A', ByteLevelAlphabet.ForByte((byte)'\n'));
        Assert.Equal("h\u00C3\u00A9", ByteLevelAlphabet.Encode("hé"));
    }
}
