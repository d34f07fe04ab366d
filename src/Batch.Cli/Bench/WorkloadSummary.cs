namespace Batch.Cli.Bench;

/// <summary>The workload as the report describes it.</summary>
/// <param name="SharedPrefixTokens">Leading prompt tokens every row has in common.</param>
/// <param name="SlotTokens">KV cells per decoder slot: the longest row rounded up to 256.</param>
public sealed record WorkloadSummary(
    string Source,
    int Rows,
    long PromptTokens,
    long GeneratedTokens,
    int SharedPrefixTokens,
    int LongestRowTokens,
    int SlotTokens)
{
    public static WorkloadSummary From(BenchWorkload workload) => new(
        workload.Source, workload.Rows.Count, workload.PromptTokens, workload.GeneratedTokens,
        workload.SharedPrefixTokens, workload.LongestRowTokens, workload.SlotTokens);
}
