namespace Batch.Cli.Bench;

/// <summary>The run settings as the report records them.</summary>
public sealed record BenchSettingsSummary(
    int Threads,
    int Sequences,
    int BatchTokens,
    string KvCacheType,
    int Repeat,
    int WarmUpRows,
    int BlockSize,
    int Seed);
