using System.Text;
using System.Text.Json;

namespace Batch.Cli.Reporting;

/// <summary>Writes a <see cref="RunReport"/> as <c>report.json</c> and a self-contained <c>report.html</c>.</summary>
public static class RunReportWriter
{
    /// <summary>The data file's name (see <c>report.schema.json</c>).</summary>
    public const string JsonFileName = "report.json";

    /// <summary>The page's name.</summary>
    public const string HtmlFileName = "report.html";

    /// <summary>Writes both files into <paramref name="folder"/>, creating it if needed.</summary>
    public static async Task WriteAsync(RunReport report, string folder, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(folder);
        await using (var json = File.Create(Path.Combine(folder, JsonFileName)))
        {
            await JsonSerializer.SerializeAsync(json, report, ReportJson.Options, cancellationToken);
        }
        await File.WriteAllTextAsync(Path.Combine(folder, HtmlFileName), ReportHtml.Render(report),
            new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), cancellationToken);
    }
}
