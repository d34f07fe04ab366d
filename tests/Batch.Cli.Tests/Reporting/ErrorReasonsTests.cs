using Batch.Cli.Reporting;

namespace Batch.Cli.Tests.Reporting;

public sealed class ErrorReasonsTests
{
    [Theory]
    [InlineData("missing field 'title'", "missing field '…'")]
    [InlineData("missing id field 'id'", "missing id field '…'")]
    [InlineData("duplicate id '42' (first at data/a.jsonl:3)", "duplicate id '…' (first at …)")]
    [InlineData("prompt has 5000 tokens; the context holds 4096 per sequence (prompt + output)",
        "prompt has N tokens; the context holds N per sequence (prompt + output)")]
    [InlineData("the line is not valid JSON (at byte 17)", "the line is not valid JSON (at byte N)")]
    [InlineData("field \"x y\" is null", "field \"…\" is null")]
    [InlineData("   ", "(no message)")]
    public void Classify_DropsTheValuesThatDifferPerRow(string message, string reason) =>
        Assert.Equal(reason, ErrorReasons.Classify(message));

    [Theory]
    [InlineData("data/a.jsonl", 12, "data/a.jsonl:12: missing field 'x'", "missing field 'x'")]
    [InlineData("my data/a b.jsonl", 3, "my data/a b.jsonl:3: field 'x' is null", "field 'x' is null")]
    [InlineData("a.jsonl", 3, "other.jsonl:9: field 'x' is null", "field 'x' is null")]
    [InlineData("a.jsonl", 3, "field 'x' is null", "field 'x' is null")]
    public void StripLocation_RemovesTheFileLinePrefix(string source, long line, string message, string expected) =>
        Assert.Equal(expected, ErrorReasons.StripLocation(source, line, message));

    [Fact]
    public void Tally_GroupsByReason_MostFrequentFirst_WithTheFirstFiveExamples()
    {
        var tally = new ErrorTally();
        for (var i = 1; i <= 7; i++) tally.Add("a.jsonl", i, $"a.jsonl:{i}: missing field 'f{i}'");
        tally.Add("a.jsonl", 8, "a.jsonl:8: duplicate id '1' (first at a.jsonl:1)");
        tally.Add("a.jsonl", 9, "a.jsonl:9: duplicate id '2' (first at a.jsonl:2)");
        tally.Add("b.jsonl", 1, "b.jsonl:1: prompt has 9000 tokens; the context holds 4096 per sequence (prompt + output)");

        var summary = tally.Summarize();

        Assert.Equal(10, summary.TotalCount);
        Assert.Equal(["missing field '…'", "duplicate id '…' (first at …)", "prompt has N tokens; the context holds N per sequence (prompt + output)"],
            summary.Reasons.Select(r => r.Reason));
        Assert.Equal([7L, 2, 1], summary.Reasons.Select(r => r.Count));
        var missing = summary.Reasons[0];
        Assert.Equal(5, missing.Examples.Count);
        Assert.Equal(new ErrorExample("a.jsonl", 1, "missing field 'f1'"), missing.Examples[0]);
        Assert.Equal(5, missing.Examples[^1].Line);
    }

    [Fact]
    public void Tally_PastTheReasonLimit_LumpsNewReasonsTogether()
    {
        var tally = new ErrorTally();
        for (var i = 0; i < ErrorTally.MaxReasons + 50; i++)
            tally.Add("a.jsonl", i, $"a.jsonl:{i}: failure kind{(char)('a' + i % 26)}{(char)('a' + i / 26)}");

        var summary = tally.Summarize();

        Assert.Equal(ErrorTally.MaxReasons + 50, summary.TotalCount);
        Assert.Equal(ErrorTally.MaxReasons + 1, summary.Reasons.Count);
        Assert.Equal(50, summary.Reasons.Single(r => r.Reason == ErrorTally.OtherReasons).Count);
    }
}
