namespace Batch.Engine.Workers;

/// <summary>
/// How the pool restarts a failed worker: after an exponential backoff (a reload right after a crash
/// tends to crash again), and not at all once it has failed too often within a window.
/// </summary>
/// <param name="MinBackoff">The wait before the first restart; each further failure within the window doubles it.</param>
/// <param name="MaxBackoff">The longest wait.</param>
/// <param name="MaxRestarts">Restarts allowed within <paramref name="Window"/>; the failure after those stops the worker for good.</param>
/// <param name="Window">How long a failure counts against the worker.</param>
public sealed record WorkerRestartPolicy(TimeSpan MinBackoff, TimeSpan MaxBackoff, int MaxRestarts, TimeSpan Window)
{
    /// <summary>0.5 s, 1 s, 2 s …, at most 30 s; a worker that fails a fourth time within a minute is given up.</summary>
    public static WorkerRestartPolicy Default { get; } = new(TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(30), 3, TimeSpan.FromMinutes(1));

    /// <summary>Whether a worker that has now failed <paramref name="failureCount"/> times within the window may restart.</summary>
    public bool AllowsRestart(int failureCount) => failureCount <= MaxRestarts;

    /// <summary>The wait before the restart after the <paramref name="failureCount"/>-th failure within the window (1-based).</summary>
    public TimeSpan BackoffAfter(int failureCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(failureCount, 1);
        // In doubles, so that a long run of failures saturates at the cap instead of overflowing.
        var ticks = MinBackoff.Ticks * Math.Pow(2, failureCount - 1);
        return TimeSpan.FromTicks((long)Math.Min(ticks, MaxBackoff.Ticks));
    }
}
