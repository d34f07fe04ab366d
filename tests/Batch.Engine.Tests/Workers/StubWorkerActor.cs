using Akka.Actor;
using Batch.Engine.Workers;

namespace Batch.Engine.Tests.Workers;

/// <summary>A worker the test drives by hand: it reports each assignment to a probe and finishes, faults or crashes when told.</summary>
public sealed class StubWorkerActor : ReceiveActor
{
    public StubWorkerActor(int index, IActorRef probe)
    {
        Receive<AssignRow>(m => probe.Tell(new StubAssigned(index, Self, m.Request)));
        Receive<StubFinish>(m => Context.Parent.Tell(new RowFinished(m.Completion)));
        Receive<StubFault>(m =>
        {
            Context.Parent.Tell(new WorkerFaulted(index, m.Reason));
            Context.Stop(Self);
        });
        Receive<StubCrash>(_ => throw new InvalidOperationException("stub worker crashed"));
    }

    public static Props Props(int index, IActorRef probe) =>
        Akka.Actor.Props.Create(() => new StubWorkerActor(index, probe));
}
