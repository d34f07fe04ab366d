namespace Batch.Cli.Reporting;

/// <summary>How many error rows had one reason, with the first few as examples.</summary>
public sealed record ErrorReasonSummary(string Reason, long Count, IReadOnlyList<ErrorExample> Examples);
