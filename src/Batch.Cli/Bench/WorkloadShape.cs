namespace Batch.Cli.Bench;

/// <summary>The shape of a generated workload: every row has exactly these token counts.</summary>
/// <param name="SharedPrefixTokens">Leading prompt tokens (BOS included) that every row shares; 0 for none.</param>
public sealed record WorkloadShape(int Rows, int PromptTokens, int OutputTokens, int SharedPrefixTokens)
{
    /// <summary>An error message when the shape cannot be generated, else null.</summary>
    public string? Validate() =>
        Rows < 1 ? "--rows must be at least 1"
        : PromptTokens < 2 ? "--prompt-tokens must be at least 2"
        : OutputTokens < 1 ? "--output-tokens must be at least 1"
        : SharedPrefixTokens < 0 ? "--shared-prefix-tokens must not be negative"
        : SharedPrefixTokens >= PromptTokens ? "--shared-prefix-tokens must be less than --prompt-tokens (each row needs a token of its own)"
        : null;
}
