using System.Text.RegularExpressions;
using Batch.Cli.Reporting;

namespace Batch.Cli.Tests.Reporting;

/// <summary>report.html opened in a real headless browser: it loads offline, logs nothing to the console, and its charts have points.</summary>
public sealed partial class ReportInBrowserTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "batch-report-browser", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task ReportHtml_LoadsInChromiumWithoutConsoleErrors_AndEveryChartHasDataPoints()
    {
        var samples = Reports.Samples(40);
        await RunReportWriter.WriteAsync(Reports.Create(samples: samples, workers: [Reports.Worker(0), Reports.Worker(1)]), _folder, CancellationToken.None);

        var (dom, log) = await HeadlessChromium.LoadAsync(Path.Combine(_folder, "report.html"), CancellationToken.None);

        // With --enable-logging, every console message (a script error, a resource that failed to load) is a CONSOLE line.
        Assert.DoesNotMatch(ConsoleLine(), log);
        var charts = Svg().Matches(dom);
        Assert.Equal(5, charts.Count);
        foreach (Match chart in charts)
        {
            var lines = Points().Matches(chart.Value);
            Assert.NotEmpty(lines);
            Assert.All(lines, line => Assert.True(line.Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length >= samples.Length));
        }
        Assert.Contains("worker", dom, StringComparison.OrdinalIgnoreCase);
    }

    [GeneratedRegex(@"CONSOLE\(\d+\)|:CONSOLE")]
    private static partial Regex ConsoleLine();

    [GeneratedRegex(@"<svg[\s\S]*?</svg>")]
    private static partial Regex Svg();

    [GeneratedRegex(@"<polyline[^>]*\bpoints=""([^""]*)""")]
    private static partial Regex Points();
}
