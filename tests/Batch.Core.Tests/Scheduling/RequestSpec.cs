namespace Batch.Core.Tests.Scheduling;

/// <summary>One random request of a scheduler property test.</summary>
/// <param name="EogAt">The scripted end-of-generation token, 1-based; null: never.</param>
/// <param name="ArriveAt">The step before which the request is queued (0: before the first).</param>
public sealed record RequestSpec(int PromptLength, int MaxTokens, int? EogAt, bool IgnoreEos, int ArriveAt)
{
    /// <summary>Tokens the row must generate under a context of <paramref name="maxSequenceTokens"/>.</summary>
    public int ExpectedTokens(int maxSequenceTokens) =>
        Math.Min(Math.Min(MaxTokens, maxSequenceTokens - PromptLength), IgnoreEos ? int.MaxValue : EogAt ?? int.MaxValue);

    public override string ToString() => $"(p{PromptLength} max{MaxTokens} eog{EogAt?.ToString() ?? "-"}{(IgnoreEos ? " ignore" : "")} @{ArriveAt})";
}
