namespace Batch.Cli.Reporting;

/// <summary>The error rows of a run grouped by reason, the most frequent first.</summary>
public sealed record ErrorSummary(long TotalCount, IReadOnlyList<ErrorReasonSummary> Reasons);
