using Akka.Actor;
using Batch.Core.Decoding;
using Batch.Engine.Workers;
using Batch.Testing.Builders;

namespace Batch.Engine.Tests.Workers;

/// <summary>Props of a real <see cref="WorkerActor"/> over a scripted decoder, with small defaults.</summary>
public static class WorkerProps
{
    public static Props For(
        ScriptedDecoder decoder,
        int index = 0,
        int maxSequences = 4,
        int maxBatchTokens = 32,
        int blockSize = 4,
        WorkerMetrics? metrics = null) =>
        WorkerActor.Props(index, () => decoder, () => new FakeTextDecoder(),
            new WorkerSettings(maxSequences, maxBatchTokens, blockSize), metrics ?? new WorkerMetrics());

    /// <summary>A worker whose decoder cannot be created.</summary>
    public static Props Broken(int index, string reason) =>
        WorkerActor.Props(index, () => throw new InvalidOperationException(reason), () => new FakeTextDecoder(),
            new WorkerSettings(4, 32), new WorkerMetrics());

    /// <summary>A decoder that writes "out" + the prompt length, then ends generation.</summary>
    public static ScriptedDecoder EchoDecoder(DecoderInfo? info = null, Func<int, bool>? noKvSlotWhen = null, Action<int>? beforeDecode = null) =>
        new(Scripts.Text(s => $"out{s.Prompt.Count}"), info) { NoKvSlotWhen = noKvSlotWhen, BeforeDecode = beforeDecode };
}
