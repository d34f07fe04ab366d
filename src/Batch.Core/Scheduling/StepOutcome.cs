namespace Batch.Core.Scheduling;

/// <summary>What applying one step changed: the sequences that finished and the preemptions.</summary>
public sealed record StepOutcome(IReadOnlyList<Completion> Finished, int PreemptedCount)
{
    public static StepOutcome None { get; } = new([], 0);
}
