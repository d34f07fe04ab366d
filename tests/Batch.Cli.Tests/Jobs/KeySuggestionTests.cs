using Batch.Cli.Jobs;

namespace Batch.Cli.Tests.Jobs;

public sealed class KeySuggestionTests
{
    private static readonly string[] GenerationKeys =
        ["max_tokens", "temperature", "top_k", "top_p", "min_p", "repeat_penalty", "seed", "stop", "ignore_eos"];

    [Theory]
    [InlineData("temprature", "temperature")]
    [InlineData("max_token", "max_tokens")]
    [InlineData("maxTokens", "max_tokens")]
    [InlineData("topk", "top_k")]
    [InlineData("repeat-penalty", "repeat_penalty")]
    [InlineData("IGNORE_EOS", "ignore_eos")]
    public void Closest_Typo_SuggestsTheIntendedKey(string typed, string expected)
    {
        Assert.Equal(expected, KeySuggestion.Closest(typed, GenerationKeys));
    }

    [Theory]
    [InlineData("batch_size")]
    [InlineData("response_format")]
    public void Closest_UnrelatedKey_SuggestsNothing(string typed)
    {
        Assert.Null(KeySuggestion.Closest(typed, GenerationKeys));
    }

    [Theory]
    [InlineData("", "", 0)]
    [InlineData("abc", "", 3)]
    [InlineData("kitten", "sitting", 3)]
    [InlineData("top_p", "top_k", 1)]
    public void Distance_KnownPairs(string a, string b, int expected)
    {
        Assert.Equal(expected, KeySuggestion.Distance(a, b));
        Assert.Equal(expected, KeySuggestion.Distance(b, a));
    }
}
