using Batch.Core.Structured;

namespace Batch.Core.Tests.Structured;

/// <summary>The GBNF checks that keep a grammar llama.cpp would reject (and crash on) from ever reaching it.</summary>
public sealed class GbnfGrammarTests
{
    [Theory]
    [InlineData("root ::= \"a\" | [b-d]+ x\nx ::= ( \"y\"\n  | \"z\" )? # comment\n")]
    [InlineData("root ::= [^\"\\\\\\x00-\\x1F] \"\\u00e9\\t\" .{2,3} \"q\"{,4} \"r\"{2,}\n")]
    [InlineData("# leading comment\n\nroot ::=\n  \"a\" |\n  \"b\"\n")]
    public void ValidGrammar_Parses(string text) => Assert.True(GbnfGrammar.TryParse(text, out _, out var error), error);

    [Theory]
    [InlineData("rot ::= \"a\"\n", "no 'root' rule")]
    [InlineData("root ::= item\n", "undefined rule 'item'")]
    [InlineData("root ::= \"a\n", "expected '\"'")]
    [InlineData("root ::= [ab", "expected ']'")]
    [InlineData("root ::= \"\\q\"\n", "unknown escape")]
    [InlineData("root ::= * \"a\"\n", "must follow an item")]
    [InlineData("root := \"a\"\n", "expected '::='")]
    [InlineData("root ::= \"a\"\nroot ::= \"b\"\n", "defined twice")]
    [InlineData("root ::= \"a\"{2001}\n", "more than 2000")]
    [InlineData("root ::= root \"a\" | \"b\"\n", "left-recursive")]
    [InlineData("root ::= x\nx ::= \"\"? y\ny ::= root \"a\"\n", "left-recursive")]
    [InlineData("root ::= (\"a\"?)*\n", "can match nothing")]
    [InlineData("root ::= [z-a]\n", "reversed")]
    [InlineData("root ::= \"a\" )\n", "expected a newline")]
    [InlineData("root ::= \"a\"\n  | \"b\"\n", "expected a rule name")]
    public void InvalidGrammar_IsRejectedWithTheReason(string text, string message)
    {
        Assert.False(GbnfGrammar.TryParse(text, out _, out var error));
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Recognizer_FollowsRepetitionBounds()
    {
        Assert.True(GbnfGrammar.TryParse("root ::= \"a\"{2,3} b?\nb ::= \"b\"\n", out var grammar, out _));

        Assert.False(grammar.Matches("a"));
        Assert.True(grammar.Matches("aa"));
        Assert.True(grammar.Matches("aaab"));
        Assert.False(grammar.Matches("aaaa"));
        Assert.False(grammar.Matches("aabb"));
    }
}
