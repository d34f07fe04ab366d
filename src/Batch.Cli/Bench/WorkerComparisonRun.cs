namespace Batch.Cli.Bench;

/// <summary>One configuration of the worker comparison: how many workers, threads each, and the decode path.</summary>
public sealed record WorkerComparisonRun(
    string Name,
    int Workers,
    int ThreadsPerWorker,
    bool LockedDecode,
    double WallSeconds,
    double GeneratedTokensPerSecond,
    double TotalTokensPerSecond);
