using Batch.Core.Decoding;
using Batch.Core.Scheduling;

namespace Batch.Cli.Bench;

/// <summary>What one measured run observed, step by step: step shapes, decode-only time, and when each row finished.</summary>
public sealed class RunTrace
{
    private readonly List<double> _latencies = [];
    private readonly Dictionary<string, int> _generatedByRow = [];

    public int StepCount { get; private set; }

    /// <summary>Plan items summed over steps (sequences fed per step, summed).</summary>
    public long SequenceSteps { get; private set; }

    /// <summary>Tokens actually fed to llama.cpp: prompts minus shared prefixes, plus recomputation after preemption.</summary>
    public long FedTokens { get; private set; }

    /// <summary>Steps in which every sequence fed exactly one token (pure decode, no prefill).</summary>
    public int DecodeOnlyStepCount { get; private set; }

    public long DecodeOnlyTokens { get; private set; }

    public double DecodeOnlySeconds { get; private set; }

    public long GeneratedTokens { get; private set; }

    public long PromptTokens { get; private set; }

    /// <summary>Seconds from the run's start to each row's completion, in completion order.</summary>
    public IReadOnlyList<double> RowLatencySeconds => _latencies;

    /// <summary>Tokens each finished row generated, by row id.</summary>
    public IReadOnlyDictionary<string, int> GeneratedByRow => _generatedByRow;

    /// <summary>Time inside the decoder (llama_decode and sampling).</summary>
    public double DecoderSeconds { get; private set; }

    /// <summary>Time inside the scheduler (Schedule and Apply): the engine's own overhead.</summary>
    public double SchedulerSeconds { get; private set; }

    /// <summary>Records one step; <paramref name="minimumWidth"/> counts a decode-only step only when that many sequences took part.</summary>
    public void Step(StepPlan plan, TimeSpan decoding, TimeSpan scheduling, int minimumWidth = 1)
    {
        StepCount++;
        DecoderSeconds += decoding.TotalSeconds;
        SchedulerSeconds += scheduling.TotalSeconds;
        SequenceSteps += plan.Items.Count;
        FedTokens += plan.TokenCount;
        if (plan.Items.Count >= minimumWidth && plan.Items.All(i => i.Tokens.Length == 1 && i.WantsToken))
        {
            DecodeOnlyStepCount++;
            DecodeOnlyTokens += plan.Items.Count;
            DecodeOnlySeconds += decoding.TotalSeconds;
        }
    }

    /// <summary>Adds another worker's trace of the same run (its latencies measured against the same clock).</summary>
    public void Add(RunTrace other)
    {
        StepCount += other.StepCount;
        SequenceSteps += other.SequenceSteps;
        FedTokens += other.FedTokens;
        DecodeOnlyStepCount += other.DecodeOnlyStepCount;
        DecodeOnlyTokens += other.DecodeOnlyTokens;
        DecodeOnlySeconds += other.DecodeOnlySeconds;
        GeneratedTokens += other.GeneratedTokens;
        PromptTokens += other.PromptTokens;
        DecoderSeconds += other.DecoderSeconds;
        SchedulerSeconds += other.SchedulerSeconds;
        _latencies.AddRange(other._latencies);
        foreach (var (row, tokens) in other._generatedByRow) _generatedByRow[row] = tokens;
    }

    public void Finished(Completion completion, TimeSpan sinceStart)
    {
        GeneratedTokens += completion.CompletionTokens;
        PromptTokens += completion.PromptTokens;
        _latencies.Add(sinceStart.TotalSeconds);
        _generatedByRow[completion.Id.Value] = completion.CompletionTokens;
    }
}
