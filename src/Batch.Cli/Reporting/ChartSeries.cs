namespace Batch.Cli.Reporting;

/// <summary>One line of a chart: its legend name and one value per sample.</summary>
public sealed record ChartSeries(string Name, IReadOnlyList<double> Values);
