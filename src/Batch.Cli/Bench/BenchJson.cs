using System.Text.Encodings.Web;
using System.Text.Json;

namespace Batch.Cli.Bench;

/// <summary>The report as JSON with snake_case names (the same figures as the table, plus every repeat's wall time).</summary>
public static class BenchJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        // A local results file: keep ×, + and – readable instead of \u-escaped.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Serialize(BenchReport report) => JsonSerializer.Serialize(report, Options);

    public static async Task WriteAsync(string path, BenchReport report, CancellationToken cancellationToken)
    {
        if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } folder) Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(path, Serialize(report) + "\n", cancellationToken);
    }
}
