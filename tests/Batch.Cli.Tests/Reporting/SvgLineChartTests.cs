using Batch.Cli.Reporting;

namespace Batch.Cli.Tests.Reporting;

public sealed class SvgLineChartTests
{
    [Theory]
    [InlineData(0, 4)]
    [InlineData(900, 1000)]
    [InlineData(7, 8)]
    [InlineData(0.3, 0.4)]
    [InlineData(128, 200)]
    public void NiceCeiling_RoundsUpToFourRoundTicks(double value, double expected) =>
        Assert.Equal(expected, SvgLineChart.NiceCeiling(value), precision: 9);

    [Theory]
    [InlineData(0, 4)]
    [InlineData(300, 360)]
    [InlineData(3000, 3600)]
    [InlineData(20_000, 21_600)]
    [InlineData(1_000_000, 1_728_000)]
    public void NiceDurationCeiling_RoundsUpToClockSteps(double seconds, double expected) =>
        Assert.Equal(expected, SvgLineChart.NiceDurationCeiling(seconds), precision: 9);

    [Theory]
    [InlineData(0, "0:00")]
    [InlineData(90, "1:30")]
    [InlineData(5400, "1h30m")]
    public void FormatDuration_ShowsMinutesOrHours(double seconds, string expected) =>
        Assert.Equal(expected, SvgLineChart.FormatDuration(seconds));

    [Fact]
    public void Render_DrawsOnePolylinePerSeriesWithAPointPerSample_AndALegend()
    {
        var svg = SvgLineChart.Render("t", "y", [1, 2, 3], [new ChartSeries("a", [1, 2, 3]), new ChartSeries("b <&>", [3, 2, 1])]);

        var doc = System.Xml.Linq.XElement.Parse(svg);
        Assert.Equal(2, doc.Elements("polyline").Count());
        Assert.All(doc.Elements("polyline"), p => Assert.Equal(3, p.Attribute("points")!.Value.Split(' ').Length));
        Assert.Contains(doc.Elements("text"), t => t.Value == "b <&>");
    }
}
