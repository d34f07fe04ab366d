namespace Batch.Cli.Bench;

/// <summary>The rows every mode runs, and the sizes derived from them.</summary>
/// <param name="Source">Where the rows came from: a file path, or "generated (seed N)".</param>
public sealed record BenchWorkload(string Source, IReadOnlyList<BenchRow> Rows)
{
    // llama.cpp pads each split-layout stream to 256 cells, so slots are sized in the same steps.
    private const int SlotPadding = 256;

    public long PromptTokens => Rows.Sum(r => (long)r.PromptTokens.Length);

    public long GeneratedTokens => Rows.Sum(r => (long)r.MaxTokens);

    /// <summary>The most KV cells one row reaches (prompt + output).</summary>
    public int LongestRowTokens => Rows.Count == 0 ? 0 : Rows.Max(r => r.TotalTokens);

    /// <summary>Cells per decoder slot: the longest row rounded up to 256, not the model's context.</summary>
    public int SlotTokens => RoundUp(Math.Max(LongestRowTokens, 1), SlotPadding);

    /// <summary>The length of the token prefix every prompt shares (0 for fewer than two rows).</summary>
    public int SharedPrefixTokens
    {
        get
        {
            if (Rows.Count < 2) return 0;
            var first = Rows[0].PromptTokens;
            var length = first.Length;
            foreach (var row in Rows.Skip(1))
                length = Math.Min(length, first.AsSpan().CommonPrefixLength(row.PromptTokens));
            return length;
        }
    }

    /// <summary>Short copies of the first rows, decoded untimed before each measured run.</summary>
    public IReadOnlyList<BenchRow> WarmUpRows(int count, int promptTokens, int maxTokens) =>
        Rows.Take(count).Select(r => new BenchRow($"warmup-{r.Id}", r.PromptTokens[..Math.Min(promptTokens, r.PromptTokens.Length)], maxTokens)).ToList();

    public static int RoundUp(int value, int multiple) => (value + multiple - 1) / multiple * multiple;
}
