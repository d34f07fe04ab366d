namespace Batch.Core.Summaries;

/// <summary>What a document's summary does next, as the <see cref="SummaryPlanner"/> decides it.</summary>
public abstract record SummaryStep
{
    private SummaryStep()
    {
    }

    /// <summary>Summarize every prompt of <paramref name="Level"/>.</summary>
    public sealed record Run(SummaryLevel Level) : SummaryStep;

    /// <summary>The document's summary is done.</summary>
    public sealed record Finish(string Summary) : SummaryStep;

    /// <summary>The document cannot be summarized; it becomes an error row with <paramref name="Reason"/>.</summary>
    public sealed record Fail(string Reason) : SummaryStep;
}
