namespace Batch.Cli.Reporting;

/// <summary>One error row quoted in the report: where it was and its message.</summary>
public sealed record ErrorExample(string Source, long Line, string Message);
