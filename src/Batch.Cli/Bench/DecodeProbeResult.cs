namespace Batch.Cli.Bench;

/// <summary>Pure-decode throughput: many sequences each feeding one token per step, prefill excluded.</summary>
/// <param name="StepCount">Decode-only steps measured (every sequence taking part).</param>
public sealed record DecodeProbeResult(int Sequences, int StepCount, long Tokens, double Seconds)
{
    public double TokensPerSecond => Seconds > 0 ? Tokens / Seconds : 0;

    public double MillisecondsPerStep => StepCount > 0 ? Seconds * 1000 / StepCount : 0;
}
