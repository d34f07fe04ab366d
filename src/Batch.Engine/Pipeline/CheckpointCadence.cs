namespace Batch.Engine.Pipeline;

/// <summary>How often the sink commits: after this many rows, or after this long.</summary>
public sealed record CheckpointCadence(int EveryRows, TimeSpan Every);
