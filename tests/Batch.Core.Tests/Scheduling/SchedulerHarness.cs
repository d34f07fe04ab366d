using Batch.Core.Decoding;
using Batch.Core.Scheduling;
using Batch.Testing.Builders;

namespace Batch.Core.Tests.Scheduling;

/// <summary>
/// A scheduler driven by a <see cref="ScriptedDecoder"/> whose limits equal the scheduler's, the
/// way a worker drives it, checking after every step what must always hold.
/// </summary>
public sealed class SchedulerHarness
{
    private readonly List<Sequence> _sequences = [];
    private readonly List<Completion> _completions = [];
    private readonly List<StepOutcome> _outcomes = [];

    public SchedulerHarness(
        int maxSequences = 4,
        int maxBatchTokens = 32,
        int maxSequenceTokens = 64,
        int blockCount = 64,
        int blockSize = 4,
        Func<ScriptStep, ScriptedToken>? script = null,
        Func<int, bool>? noKvSlotWhen = null,
        IReadOnlyDictionary<int, string>? words = null,
        int admissionWindow = 1,
        bool cacheSlots = false,
        bool compactSlots = false)
    {
        ThrowingTraceListener.Install();
        Limits = new SchedulerLimits(maxSequences, maxBatchTokens, maxSequenceTokens, AdmissionWindow: admissionWindow, CacheSlots: cacheSlots,
            CompactSlots: compactSlots);
        Pool = new BlockPool(blockCount, blockSize);
        Scheduler = new Scheduler(Limits, Pool);
        Decoder = new ScriptedDecoder(script, Schedulers.InfoFor(Limits, Pool)) { NoKvSlotWhen = noKvSlotWhen };
        Words = words;
    }

    public SchedulerLimits Limits { get; }
    public BlockPool Pool { get; }
    public Scheduler Scheduler { get; }
    public ScriptedDecoder Decoder { get; }
    public IReadOnlyDictionary<int, string>? Words { get; }
    public IReadOnlyList<Completion> Completions => _completions;
    public IReadOnlyList<StepOutcome> Outcomes => _outcomes;
    public IReadOnlyList<StepPlan> Plans => Decoder.Plans;

    /// <summary>Queues a request the test expects to be accepted.</summary>
    public Sequence Enqueue(GenerationRequest request)
    {
        Assert.True(TryEnqueue(request, out var sequence, out var error), error);
        return sequence!;
    }

    /// <summary>Queues a request that may be rejected; an accepted one is checked after every step.</summary>
    public bool TryEnqueue(GenerationRequest request, out Sequence? sequence, out string? error)
    {
        if (!Scheduler.TryEnqueue(request, new FakeTextDecoder(Words), out sequence, out error)) return false;
        _sequences.Add(sequence!);
        return true;
    }

    /// <summary>
    /// One schedule → decode → apply round, as the worker runs it: a plan without items is not
    /// sent to the decoder. Returns the plan and what applying it changed.
    /// </summary>
    public (StepPlan Plan, StepOutcome Outcome) Step()
    {
        var plan = Scheduler.Schedule();
        var result = plan.HasWork ? Decoder.Decode(plan) : new StepResult(DecodeStatus.Ok, []);
        var outcome = Scheduler.Apply(plan, result);
        _outcomes.Add(outcome);
        _completions.AddRange(outcome.Finished);
        AssertInvariants();
        return (plan, outcome);
    }

    /// <summary>Steps until the scheduler is idle; fails after <paramref name="maxSteps"/>.</summary>
    public IReadOnlyList<Completion> RunToCompletion(int maxSteps = 10_000)
    {
        for (var i = 0; i < maxSteps && !Scheduler.IsIdle; i++)
        {
            var (plan, _) = Step();
            Assert.True(plan.HasWork, $"step {i}: an empty plan while {Scheduler.RunningCount} run and {Scheduler.WaitingCount} wait (stalled)");
        }
        AssertDrained();
        return _completions;
    }

    /// <summary>Idle, with every block back in the pool.</summary>
    public void AssertDrained()
    {
        Assert.True(Scheduler.IsIdle, $"not idle: {Scheduler.RunningCount} run and {Scheduler.WaitingCount} wait");
        Assert.Equal(0, Pool.UsedBlockCount);
        Assert.Equal(Pool.BlockCount, Pool.FreeBlockCount);
    }

    /// <summary>The completion of one row; fails unless there is exactly one.</summary>
    public Completion CompletionOf(string id) => Assert.Single(_completions, c => c.Id.Value == id);

    private void AssertInvariants()
    {
        Pool.AssertInvariants();
        Assert.InRange(Pool.UsedBlockCount, 0, Pool.BlockCount);
        Assert.InRange(Scheduler.RunningCount, 0, Limits.MaxSequences);
        var blocksHeld = 0;
        var kv = Decoder.KvLengths;
        foreach (var seq in _sequences.Where(s => s.Status == SequenceStatus.Running))
        {
            var blocks = Pool.BlocksOf(seq.Id);
            blocksHeld += blocks;
            Assert.NotNull(seq.Slot);
            Assert.True(kv.GetValueOrDefault(seq.Id) <= blocks * Pool.BlockSize,
                $"{seq.Id} has {kv.GetValueOrDefault(seq.Id)} tokens in the KV but only {blocks} blocks");
            Assert.True(seq.ComputedCount <= blocks * Pool.BlockSize, $"{seq.Id}: {seq.ComputedCount} computed, {blocks} blocks");
        }
        foreach (var seq in _sequences.Where(s => s.Status != SequenceStatus.Running))
        {
            Assert.Equal(0, Pool.BlocksOf(seq.Id));
            Assert.Null(seq.Slot);
        }
        Assert.Equal(Pool.UsedBlockCount, blocksHeld);
    }
}
