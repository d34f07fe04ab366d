namespace Batch.Core.Scheduling;

/// <summary>Which requests a scheduler can ever run, given its limits and pool. Pure.</summary>
public static class AdmissionRules
{
    /// <summary>Why the request could never run here, or null when it can.</summary>
    public static string? Reject(GenerationRequest request, SchedulerLimits limits, BlockPool pool)
    {
        var tokens = request.PromptTokens.Length;
        if (tokens == 0) return "the prompt is empty";
        if (request.Scoring is { } scoring)
        {
            var peak = tokens + scoring.Labels.Max(l => l.Length);
            if (peak > limits.MaxSequenceTokens)
                return $"prompt ({tokens} tokens) and its longest label need {peak} tokens; the context holds {limits.MaxSequenceTokens} per sequence";
            return pool.CanEverHold(peak) ? null : $"row needs {peak} tokens; the whole KV pool holds {pool.BlockCount * pool.BlockSize}";
        }
        if (tokens + 1 > limits.MaxSequenceTokens)
            return $"prompt has {tokens} tokens; the context holds {limits.MaxSequenceTokens} per sequence (prompt + output)";
        // A sequence alone in the pool must be able to reach its full length, or it would preempt
        // itself forever; rows that could outgrow the whole pool are refused up front.
        var longest = Math.Min(tokens + request.MaxTokens, limits.MaxSequenceTokens);
        if (!pool.CanEverHold(longest))
            return $"row needs up to {longest} tokens (prompt {tokens} + output); the whole KV pool holds {pool.BlockCount * pool.BlockSize}";
        return null;
    }

    /// <summary>
    /// The waiting row to admit next: the one with the most output within the window (then the longest
    /// prompt), first in arrival order among equals;
    /// a preempted row at the front goes before anything else (it already waited and holds generated tokens).
    /// </summary>
    public static LinkedListNode<Sequence>? Next(LinkedList<Sequence> waiting, int window)
    {
        var best = waiting.First;
        if (best is null || best.Value.PreemptionCount > 0 || window <= 1) return best;
        var node = best.Next;
        for (var seen = 1; node is not null && seen < window; seen++, node = node.Next)
        {
            if (Outlasts(node.Value.Request, best.Value.Request)) best = node;
        }
        return best;
    }

    /// <summary>
    /// The request to hand out next from a queue of requests not yet given to any scheduler (a worker pool's): the one
    /// with the most output within the window, by the same rule as <see cref="Next(LinkedList{Sequence}, int)"/>, so
    /// rows reach the workers longest first and each worker's own admission keeps that order.
    /// </summary>
    public static LinkedListNode<GenerationRequest>? Next(LinkedList<GenerationRequest> pending, int window)
    {
        var best = pending.First;
        if (best is null || window <= 1) return best;
        var node = best.Next;
        for (var seen = 1; node is not null && seen < window; seen++, node = node.Next)
        {
            if (Outlasts(node.Value, best.Value)) best = node;
        }
        return best;
    }

    // A row holds its slot for about one step per output token (its prompt takes a step or two), so
    // the most output first is longest-processing-time-first: the slots run out of work together
    // instead of ending on a few long rows decoding alone. Prompt length breaks ties.
    private static bool Outlasts(GenerationRequest candidate, GenerationRequest best) =>
        candidate.OutputTokens != best.OutputTokens
            ? candidate.OutputTokens > best.OutputTokens
            : candidate.LongestTokens > best.LongestTokens;
}
