namespace Batch.Cli.Bench;

/// <summary>One benchmark row: its prompt already tokenized and the exact number of tokens it generates.</summary>
public sealed record BenchRow(string Id, int[] PromptTokens, int MaxTokens)
{
    /// <summary>The KV cells the row reaches: its prompt plus its whole output.</summary>
    public int TotalTokens => PromptTokens.Length + MaxTokens;
}
