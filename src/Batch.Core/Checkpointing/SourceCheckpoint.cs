namespace Batch.Core.Checkpointing;

/// <summary>The finished rows of one input file: every line up to <paramref name="Watermark"/>, plus <paramref name="Above"/>.</summary>
/// <remarks>Rows finish out of order but only a window of them is in flight, so the set stays small.</remarks>
public sealed record SourceCheckpoint(string Source, long Watermark, IReadOnlyList<long> Above);
