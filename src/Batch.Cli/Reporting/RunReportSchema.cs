namespace Batch.Cli.Reporting;

/// <summary>The JSON schema of <c>report.json</c>, shipped inside the executable.</summary>
public static class RunReportSchema
{
    /// <summary>The embedded resource's name.</summary>
    public const string ResourceName = "Batch.Cli.Reporting.report.schema.json";

    /// <summary>The schema's text.</summary>
    public static string ReadText()
    {
        using var stream = typeof(RunReportSchema).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"the resource '{ResourceName}' is missing from the build");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
