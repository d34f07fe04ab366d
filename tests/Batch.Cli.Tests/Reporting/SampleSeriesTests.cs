using Batch.Cli.Reporting;

namespace Batch.Cli.Tests.Reporting;

public sealed class SampleSeriesTests
{
    [Fact]
    public void Add_BelowTheLimit_KeepsEveryTick()
    {
        var series = new SampleSeries(maxPoints: 8);
        foreach (var s in Reports.Samples(5)) series.Add(s);

        Assert.Equal([1.0, 2, 3, 4, 5], series.Snapshot().Select(p => p.ElapsedSeconds));
        Assert.Equal(1, series.TicksPerPoint);
    }

    [Fact]
    public void Add_ForAVeryLongRun_StaysBoundedAndEvenlySpaced()
    {
        var series = new SampleSeries(maxPoints: 16);
        foreach (var s in Reports.Samples(10_000)) series.Add(s);

        var points = series.Snapshot();
        Assert.InRange(points.Count, 8, 16);
        Assert.Equal(10_000, series.TickCount);
        Assert.Equal(10_000, points[^1].ElapsedSeconds);
        Assert.Equal(3 * 10_000, points[^1].RowsDone);
        Assert.Equal(10_000, points.Sum(p => p.IntervalSeconds), precision: 6);
        // Every point but the last (still filling) covers the same number of ticks.
        Assert.All(points.Take(points.Count - 1), p => Assert.Equal(series.TicksPerPoint, p.IntervalSeconds, precision: 6));
    }

    [Fact]
    public void MergeWith_WeighsRatesAndGaugesByInterval_AndKeepsTheLaterCumulativeValues()
    {
        var early = Reports.Sample(1, interval: 1, rowsDone: 5, tokens: 10, tokensPerSecond: 10, running: 4, preemptions: 1);
        var late = Reports.Sample(4, interval: 3, rowsDone: 9, tokens: 70, tokensPerSecond: 20, running: 8, preemptions: 3);

        var merged = early.MergeWith(late);

        Assert.Equal(4, merged.ElapsedSeconds);
        Assert.Equal(4, merged.IntervalSeconds);
        Assert.Equal(9, merged.RowsDone);
        Assert.Equal(70, merged.GeneratedTokens);
        Assert.Equal(17.5, merged.GeneratedTokensPerSecond, precision: 9);
        Assert.Equal(7, merged.RunningSequences, precision: 9);
        Assert.Equal(3, merged.Preemptions);
    }

    [Fact]
    public void Add_WithAnOddLimit_StaysBounded()
    {
        var series = new SampleSeries(maxPoints: 5);
        foreach (var s in Reports.Samples(1_000)) series.Add(s);

        Assert.InRange(series.Snapshot().Count, 1, 5);
        Assert.Equal(1_000, series.Snapshot()[^1].ElapsedSeconds);
    }
}
