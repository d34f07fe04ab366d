using Akka.Actor;
using Batch.Core.Decoding;
using Batch.Core.Scheduling;
using Batch.Core.Text;

namespace Batch.Engine.Workers;

/// <summary>
/// Owns one decoder (one llama.cpp context), its scheduler and block pool, and runs the
/// continuous-batching loop: each <see cref="RunStep"/> schedules, decodes and applies one step,
/// then tells itself to step again. One step at a time, so the context is never shared;
/// assignments interleave at step boundaries. A decoder that cannot be created or fails a step ends this
/// incarnation: the worker reports <see cref="WorkerFaulted"/> and stops, and the pool restarts it afresh.
/// </summary>
public sealed class WorkerActor : ReceiveActor
{
    private readonly int _index;
    private readonly Func<IDecoder> _createDecoder;
    private readonly Func<ITokenStreamDecoder> _createTextDecoder;
    private readonly WorkerSettings _settings;
    private readonly WorkerMetrics _metrics;
    private IDecoder? _decoder;
    private Scheduler? _scheduler;
    private bool _stepping;
    private int _stepCount;
    private int? _failAtStep;

    public WorkerActor(int index, Func<IDecoder> createDecoder, Func<ITokenStreamDecoder> createTextDecoder, WorkerSettings settings, WorkerMetrics metrics)
    {
        _index = index;
        _createDecoder = createDecoder;
        _createTextDecoder = createTextDecoder;
        _settings = settings;
        _metrics = metrics;

        Receive<AssignRow>(Assign);
        Receive<InjectFault>(m => _failAtStep = m.AtStep);
        Receive<RunStep>(_ => Step());
    }

    public static Props Props(int index, Func<IDecoder> createDecoder, Func<ITokenStreamDecoder> createTextDecoder, WorkerSettings settings, WorkerMetrics metrics) =>
        Akka.Actor.Props.Create(() => new WorkerActor(index, createDecoder, createTextDecoder, settings, metrics));

    protected override void PreStart()
    {
        try
        {
            _decoder = _createDecoder();
        }
        catch (Exception e)
        {
            Fault($"could not start the decoder: {e.Message}");
            return;
        }
        var info = _decoder.Info;
        var share = _settings.SharePrefix && info.SlotCount > 1;
        var limits = new SchedulerLimits(
            Math.Min(_settings.MaxSequences, info.SlotCount - (share ? 1 : 0)),
            Math.Min(_settings.MaxBatchTokens, info.MaxBatchTokens),
            info.MaxSequenceTokens,
            share,
            _settings.PrefixCellsShared,
            _settings.AdmissionWindow,
            _settings.CacheSlots,
            CompactSlots: info.SlotsAreStreams);
        var pool = new BlockPool(info.KvCapacityTokens / _settings.BlockSize, _settings.BlockSize);
        _metrics.TotalBlocks = pool.BlockCount;
        _metrics.BlockSize = pool.BlockSize;
        _scheduler = new Scheduler(limits, pool);
    }

    protected override void PostStop() => _decoder?.Dispose();

    private void Assign(AssignRow message)
    {
        if (_scheduler is null) return;   // faulted at start; the pool already knows
        var request = message.Request;
        if (!_scheduler.TryEnqueue(request, _createTextDecoder(), out _, out var error))
        {
            var failed = new Completion(request.Id, "", FinishReason.Error, request.PromptTokens.Length, 0, error);
            Context.Parent.Tell(new RowFinished(failed));
            return;
        }
        _metrics.RecordQueue(_scheduler.RunningCount, _scheduler.WaitingCount);
        if (_stepping) return;
        _stepping = true;
        Self.Tell(RunStep.Instance);
    }

    private void Step()
    {
        var scheduler = _scheduler!;
        var plan = scheduler.Schedule();
        if (!plan.HasWork)
        {
            _stepping = false;
            return;
        }
        StepResult result;
        try
        {
            result = ++_stepCount == _failAtStep ? throw new InjectedFaultException(_index, _stepCount) : _decoder!.Decode(plan);
        }
        catch (Exception e)
        {
            Fault($"decode failed: {e.Message}");
            return;
        }
        var outcome = scheduler.Apply(plan, result);
        var pool = scheduler.Pool;
        _metrics.RecordStep(plan.Items.Count, plan.TokenCount, scheduler.RunningCount, scheduler.WaitingCount,
            pool.UsedBlockCount, pool.PeakUsedBlockCount, scheduler.PreemptionCount);
        var prefix = scheduler.Prefix;
        // Prompt tokens found in the KV: the shared prefix's reuses plus the split slots' cache hits.
        _metrics.RecordPrefix(prefix.Tokens.Length, prefix.HitTokens + (scheduler.Cache?.HitTokens ?? 0), prefix.CopyCount, prefix.ComputeCount);
        foreach (var completion in outcome.Finished)
            Context.Parent.Tell(new RowFinished(completion));
        Self.Tell(RunStep.Instance);
    }

    private void Fault(string reason)
    {
        Context.Parent.Tell(new WorkerFaulted(_index, reason));
        Context.Stop(Self);
    }
}
