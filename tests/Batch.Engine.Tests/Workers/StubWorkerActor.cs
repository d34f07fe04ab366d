using Akka.Actor;
using Batch.Engine.Workers;

namespace Batch.Engine.Tests.Workers;

/// <summary>
/// A worker the test drives by hand: it reports each assignment to a probe and finishes, faults or crashes when told.
/// Every incarnation tells the probe <see cref="StubStarted"/> first, so a test sees restarts.
/// </summary>
public sealed class StubWorkerActor : ReceiveActor
{
    private readonly int _index;
    private readonly IActorRef _probe;

    public StubWorkerActor(int index, IActorRef probe)
    {
        _index = index;
        _probe = probe;
        Receive<AssignRow>(m => probe.Tell(new StubAssigned(index, Self, m.Request)));
        Receive<StubFinish>(m => Context.Parent.Tell(new RowFinished(m.Completion)));
        Receive<StubFault>(m =>
        {
            Context.Parent.Tell(new WorkerFaulted(index, m.Reason));
            foreach (var late in m.ThenFinish) Context.Parent.Tell(new RowFinished(late));
            Context.Stop(Self);
        });
        Receive<StubCrash>(_ => throw new InvalidOperationException("stub worker crashed"));
    }

    public static Props Props(int index, IActorRef probe) =>
        Akka.Actor.Props.Create(() => new StubWorkerActor(index, probe));

    protected override void PreStart() => _probe.Tell(new StubStarted(_index, Self));
}
