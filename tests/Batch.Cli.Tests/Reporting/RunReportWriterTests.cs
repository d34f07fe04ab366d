using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Batch.Cli.Reporting;
using Batch.Core.Jobs;
using Json.Schema;

namespace Batch.Cli.Tests.Reporting;

public sealed partial class RunReportWriterTests : IDisposable
{
    private const int ChartCount = 5;
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "batch-report-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task WriteAsync_ReportJson_ValidatesAgainstTheSchema()
    {
        var report = Reports.Create(errors: SomeErrors(), workers: [Reports.Worker(0), Reports.Worker(1)]);

        await RunReportWriter.WriteAsync(report, _folder, CancellationToken.None);

        var json = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(_folder, RunReportWriter.JsonFileName)));
        var result = Schema().Evaluate(json, new EvaluationOptions { OutputFormat = OutputFormat.List });
        Assert.True(result.IsValid, string.Join("\n", (result.Details ?? []).Where(d => d.HasErrors)
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key} {e.Value}"))));
    }

    [Fact]
    public async Task WriteAsync_ReportJson_UsesSnakeCaseNames()
    {
        await RunReportWriter.WriteAsync(Reports.Create(), _folder, CancellationToken.None);

        var json = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(_folder, RunReportWriter.JsonFileName)))!;
        Assert.Equal(4000, json["totals"]!["generated_tokens"]!.GetValue<long>());
        Assert.Equal(16, json["settings"]!["scheduler"]!["max_sequences"]!.GetValue<int>());
        Assert.Equal(30, json["samples"]!.AsArray().Count);
        Assert.NotNull(json["samples"]![0]!["generated_tokens_per_second"]);
    }

    [Fact]
    public void Schema_RejectsAReportMissingAField()
    {
        var json = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(Reports.Create(), ReportJson.Options))!.AsObject();
        json["totals"]!.AsObject().Remove("rows_ok");

        Assert.False(Schema().Evaluate(json).IsValid);
    }

    [Fact]
    public async Task WriteAsync_ReportHtml_IsWellFormedWithOneChartPerSeriesAndAPointPerSample()
    {
        var samples = Reports.Samples(45);
        await RunReportWriter.WriteAsync(Reports.Create(samples: samples, errors: SomeErrors()), _folder, CancellationToken.None);

        var page = ParseHtml(await ReadHtmlAsync());
        var charts = page.Descendants("svg").ToArray();
        Assert.Equal(ChartCount, charts.Length);
        Assert.All(charts, chart =>
        {
            var lines = chart.Descendants("polyline").ToArray();
            Assert.NotEmpty(lines);
            Assert.All(lines, line => Assert.True(line.Attribute("points")!.Value.Split(' ').Length >= samples.Length));
            Assert.NotEmpty(chart.Descendants("text"));
        });
    }

    [Fact]
    public async Task WriteAsync_ReportHtml_IsSelfContained()
    {
        await RunReportWriter.WriteAsync(Reports.Create(errors: SomeErrors()), _folder, CancellationToken.None);

        var html = await ReadHtmlAsync();
        Assert.DoesNotContain("http://", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("https://", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch(ScriptWithSource(), html);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("url(", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task WriteAsync_ReportHtml_EscapesEveryStringFromTheJobAndTheRows()
    {
        const string nasty = "<script>alert('x')</script> & \"quotes\"";
        var job = new JobSpec { Model = new ModelOptions { Path = nasty }, Generation = new GenerationOptions { Stop = [nasty] } };
        var errors = new ErrorSummary(1, [new ErrorReasonSummary(nasty, 1, [new ErrorExample(nasty, 1, nasty)])]);

        await RunReportWriter.WriteAsync(Reports.Create(jobFile: $"/jobs/{nasty}.yaml", job: job, errors: errors), _folder, CancellationToken.None);

        var html = await ReadHtmlAsync();
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        var page = ParseHtml(html);
        Assert.Contains(page.Descendants("td"), td => td.Value == nasty);
        Assert.Contains(page.Descendants("p"), p => p.Value == $"/jobs/{nasty}.yaml");
    }

    [Fact]
    public async Task WriteAsync_ReportHtml_ShowsTheErrorSummaryAndSettings()
    {
        await RunReportWriter.WriteAsync(Reports.Create(errors: SomeErrors()), _folder, CancellationToken.None);

        var page = ParseHtml(await ReadHtmlAsync());
        var errorRows = Table(page, "errors").Elements("tr").Skip(1).ToArray();
        Assert.Equal(2, errorRows.Length);
        Assert.Equal("missing field '…'", errorRows[0].Elements("td").First().Value);
        Assert.Equal(2, errorRows[0].Descendants("li").Count());
        Assert.Contains(Table(page, "settings").Descendants("code"), c => c.Value == "scheduler.max_batch_tokens");
    }

    [Theory]
    [InlineData(1, false)]
    [InlineData(3, true)]
    public async Task WriteAsync_ReportHtml_HasAWorkerTableOnlyForSeveralWorkers(int workers, bool hasTable)
    {
        var report = Reports.Create(workers: [.. Enumerable.Range(0, workers).Select(Reports.Worker)]);

        await RunReportWriter.WriteAsync(report, _folder, CancellationToken.None);

        var tables = ParseHtml(await ReadHtmlAsync()).Descendants("table").Where(t => (string?)t.Attribute("class") == "workers").ToArray();
        Assert.Equal(hasTable, tables.Length == 1);
        if (hasTable) Assert.Equal(workers, tables[0].Elements("tr").Count() - 1);
    }

    [Fact]
    public async Task WriteAsync_WithNoSamples_StillDrawsEveryChart()
    {
        await RunReportWriter.WriteAsync(Reports.Create(samples: []), _folder, CancellationToken.None);

        var page = ParseHtml(await ReadHtmlAsync());
        Assert.Equal(ChartCount, page.Descendants("svg").Count());
        Assert.Empty(page.Descendants("polyline"));
    }

    private static ErrorSummary SomeErrors() => new(3,
    [
        new ErrorReasonSummary("missing field '…'", 2, [new ErrorExample("a.jsonl", 1, "missing field 'text'"), new ErrorExample("a.jsonl", 5, "missing field 'title'")]),
        new ErrorReasonSummary("duplicate id '…' (first at …)", 1, [new ErrorExample("b.jsonl", 2, "duplicate id '7' (first at a.jsonl:1)")]),
    ]);

    private static JsonSchema Schema() => JsonSchema.FromText(RunReportSchema.ReadText());

    private Task<string> ReadHtmlAsync() => File.ReadAllTextAsync(Path.Combine(_folder, RunReportWriter.HtmlFileName));

    // HTML5's doctype is not XML; the rest of the page is written as well-formed XML.
    private static XDocument ParseHtml(string html)
    {
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        return XDocument.Parse(html["<!DOCTYPE html>".Length..]);
    }

    private static XElement Table(XDocument page, string cssClass) =>
        page.Descendants("table").Single(t => (string?)t.Attribute("class") == cssClass);

    [GeneratedRegex(@"<script[^>]*\ssrc\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex ScriptWithSource();
}
