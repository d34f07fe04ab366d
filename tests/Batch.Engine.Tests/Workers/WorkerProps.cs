using Akka.Actor;
using Batch.Core.Decoding;
using Batch.Engine.Workers;
using Batch.Testing.Builders;

namespace Batch.Engine.Tests.Workers;

/// <summary>Props of a real <see cref="WorkerActor"/> over a scripted decoder, with small defaults.</summary>
public static class WorkerProps
{
    /// <summary>Restarts in a millisecond or two, so real-time specs need not wait for a backoff.</summary>
    public static WorkerRestartPolicy FastRestarts(int maxRestarts = 3) =>
        new(TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(4), maxRestarts, TimeSpan.FromMinutes(1));

    public static Props For(
        ScriptedDecoder decoder,
        int index = 0,
        int maxSequences = 4,
        int maxBatchTokens = 32,
        int blockSize = 4,
        WorkerMetrics? metrics = null) =>
        WorkerActor.Props(index, () => decoder, () => new FakeTextDecoder(),
            new WorkerSettings(maxSequences, maxBatchTokens, blockSize), metrics ?? new WorkerMetrics());

    /// <summary>A worker for a pool: every incarnation asks <paramref name="decoders"/> for a fresh decoder.</summary>
    public static PooledWorker Pooled(ScriptedDecoderFactory decoders, int index, int maxSequences = 8)
    {
        var metrics = new WorkerMetrics();
        return new PooledWorker(WorkerActor.Props(index, decoders.Create, () => new FakeTextDecoder(),
            new WorkerSettings(maxSequences, 32, 4), metrics), metrics);
    }

    /// <summary>A worker whose decoder cannot be created.</summary>
    public static Props Broken(int index, string reason) =>
        WorkerActor.Props(index, () => throw new InvalidOperationException(reason), () => new FakeTextDecoder(),
            new WorkerSettings(4, 32), new WorkerMetrics());

    /// <summary>A decoder that writes "out" + the prompt length, then ends generation.</summary>
    public static ScriptedDecoder EchoDecoder(DecoderInfo? info = null, Func<int, bool>? noKvSlotWhen = null, Action<int>? beforeDecode = null) =>
        new(Scripts.Text(s => $"out{s.Prompt.Count}"), info) { NoKvSlotWhen = noKvSlotWhen, BeforeDecode = beforeDecode };
}
