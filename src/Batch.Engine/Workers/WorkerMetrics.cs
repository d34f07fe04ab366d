namespace Batch.Engine.Workers;

/// <summary>
/// Live counters one worker publishes after each step, read by progress and the summary.
/// Written by the worker's thread only; read from any thread.
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
    private long _preemptions;

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

    /// <summary>Tokens of the shared prompt prefix (0 when none was found or sharing is off).</summary>
    public int PrefixTokens { get; private set; }
    public long PrefixHitTokens { get; private set; }
    public long PrefixCopies { get; private set; }
    public int PrefixComputations { get; private set; }
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
        Volatile.Write(ref _peakBlocks, peakBlocks);
        Interlocked.Exchange(ref _preemptions, preemptions);
    }

    internal void RecordPrefix(int tokens, long hitTokens, long copies, int computations)
    {
        PrefixTokens = tokens;
        PrefixHitTokens = hitTokens;
        PrefixCopies = copies;
        PrefixComputations = computations;
    }

    internal void RecordQueue(int running, int waiting)
    {
        Volatile.Write(ref _running, running);
        Volatile.Write(ref _waiting, waiting);
    }
}
