using System.Text.Encodings.Web;
using System.Text.Json;

namespace Batch.Cli.Reporting;

/// <summary>How <c>report.json</c> is written: snake_case names, indented.</summary>
public static class ReportJson
{
    /// <summary>The serializer options of <c>report.json</c> (read-only).</summary>
    public static readonly JsonSerializerOptions Options = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            WriteIndented = true,
            // The file is never embedded in HTML, so reasons like "missing field '…'" may stay readable.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        options.Converters.Add(new KvCacheTypesJsonConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
