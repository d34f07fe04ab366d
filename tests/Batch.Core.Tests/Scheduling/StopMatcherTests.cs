using Batch.Core.Scheduling;

namespace Batch.Core.Tests.Scheduling;

public sealed class StopMatcherTests
{
    [Fact]
    public void Find_WithNoStopStrings_FindsNothing() =>
        Assert.Equal(-1, new StopMatcher([]).Find("anything at all", 0));

    [Fact]
    public void Find_StopCompletedByTheAppendedText_ReturnsWhereItStarts() =>
        Assert.Equal(3, new StopMatcher(["STOP"]).Find("abcSTOP", 5));

    [Fact]
    public void Find_StopThatStartsInTheAppendedText_ReturnsWhereItStarts() =>
        Assert.Equal(5, new StopMatcher(["STOP"]).Find("abcdeSTOPxy", 5));

    [Fact]
    public void Find_StopNotYetComplete_FindsNothing() =>
        Assert.Equal(-1, new StopMatcher(["STOP"]).Find("abcSTO", 4));

    [Fact]
    public void Find_OfSeveralStops_ReturnsTheEarliestStart() =>
        Assert.Equal(1, new StopMatcher(["B", "AB", "xAB!"]).Find("xAB", 1));

    [Fact]
    public void Find_IsOrdinalAndCaseSensitive() =>
        Assert.Equal(-1, new StopMatcher(["END"]).Find("the end", 0));
}
