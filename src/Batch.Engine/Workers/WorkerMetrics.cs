namespace Batch.Engine.Workers;

/// <summary>
/// Live counters one worker publishes after each step, read by progress and the summary. They span the
/// worker's restarts: totals keep what earlier incarnations counted. Written by one thread at a time (the
/// worker's, or the pool's between incarnations); read from any thread.
/// </summary>
public sealed class WorkerMetrics
{
    private long _steps;
    private long _stepSequences;
    private long _stepTokens;
    private int _maxSequencesPerStep;
    private int _running;
    private int _waiting;
    private int _usedBlocks;
    private int _peakBlocks;
    private int _restarts;
    // Totals so far, and what the earlier incarnations counted (the base the current one adds its own counts to).
    private long _preemptions;
    private long _preemptionsBefore;
    private PrefixCounts _prefix = PrefixCounts.None;
    private PrefixCounts _prefixBefore = PrefixCounts.None;

    public long Steps => Interlocked.Read(ref _steps);
    public long DecodedTokens => Interlocked.Read(ref _stepTokens);
    public int MaxSequencesPerStep => Volatile.Read(ref _maxSequencesPerStep);
    public double MeanSequencesPerStep => Steps == 0 ? 0 : (double)Interlocked.Read(ref _stepSequences) / Steps;
    public int Running => Volatile.Read(ref _running);
    public int Waiting => Volatile.Read(ref _waiting);
    public int UsedBlocks => Volatile.Read(ref _usedBlocks);
    public int PeakBlocks => Volatile.Read(ref _peakBlocks);
    public long Preemptions => Interlocked.Read(ref _preemptions);
    public int TotalBlocks { get; internal set; }

    /// <summary>Times the pool started the worker afresh after a failure.</summary>
    public int Restarts => Volatile.Read(ref _restarts);

    /// <summary>Tokens of the shared prompt prefix (0 when none was found or sharing is off).</summary>
    public int PrefixTokens => Volatile.Read(ref _prefix).Tokens;
    public long PrefixHitTokens => Volatile.Read(ref _prefix).HitTokens;
    public long PrefixCopies => Volatile.Read(ref _prefix).Copies;
    public int PrefixComputations => Volatile.Read(ref _prefix).Computations;
    public int BlockSize { get; internal set; }

    internal void RecordStep(int sequences, int tokens, int running, int waiting, int usedBlocks, int peakBlocks, long preemptions)
    {
        Interlocked.Increment(ref _steps);
        Interlocked.Add(ref _stepSequences, sequences);
        Interlocked.Add(ref _stepTokens, tokens);
        if (sequences > _maxSequencesPerStep) Volatile.Write(ref _maxSequencesPerStep, sequences);
        Volatile.Write(ref _running, running);
        Volatile.Write(ref _waiting, waiting);
        Volatile.Write(ref _usedBlocks, usedBlocks);
        if (peakBlocks > _peakBlocks) Volatile.Write(ref _peakBlocks, peakBlocks);
        Interlocked.Exchange(ref _preemptions, _preemptionsBefore + preemptions);
    }

    internal void RecordPrefix(int tokens, long hitTokens, long copies, int computations)
    {
        var before = _prefixBefore;
        Volatile.Write(ref _prefix, new PrefixCounts(tokens, before.HitTokens + hitTokens, before.Copies + copies, before.Computations + computations));
    }

    internal void RecordQueue(int running, int waiting)
    {
        Volatile.Write(ref _running, running);
        Volatile.Write(ref _waiting, waiting);
    }

    /// <summary>The current incarnation has stopped: fold its totals into the earlier ones, and nothing runs any more.</summary>
    internal void RecordStopped()
    {
        _preemptionsBefore = Interlocked.Read(ref _preemptions);
        _prefixBefore = Volatile.Read(ref _prefix);
        RecordQueue(0, 0);
        Volatile.Write(ref _usedBlocks, 0);
    }

    internal void RecordRestart() => Interlocked.Increment(ref _restarts);

    private sealed record PrefixCounts(int Tokens, long HitTokens, long Copies, int Computations)
    {
        public static PrefixCounts None { get; } = new(0, 0, 0, 0);
    }
}
