namespace Batch.Core.Planning;

/// <summary>The planner's answer: what fits, and what llama.cpp-style static slots would need instead.</summary>
public sealed record MemoryPlan(
    long WeightsBytes,
    long KvBytesPerToken,
    int SlotTokens,
    int Sequences,
    int PoolTokens,
    long KvBytes,
    long ComputeBytes,
    long? BudgetBytes,
    long StaticFullContextKvBytes,
    int ModelContext)
{
    public long TotalBytes => WeightsBytes + KvBytes + ComputeBytes;

    public bool Fits => BudgetBytes is not { } b || TotalBytes <= b;

    /// <summary>Bytes over the budget (0 when it fits).</summary>
    public long ShortByBytes => BudgetBytes is { } b ? Math.Max(0, TotalBytes - b) : 0;
}
