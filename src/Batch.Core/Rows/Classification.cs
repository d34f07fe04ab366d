namespace Batch.Core.Rows;

/// <summary>A classified row: the chosen label (null below the threshold) and every label's probability.</summary>
public sealed record Classification(string? Label, IReadOnlyList<KeyValuePair<string, double>> Probabilities);
