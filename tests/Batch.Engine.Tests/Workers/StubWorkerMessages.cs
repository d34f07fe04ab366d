using Akka.Actor;
using Batch.Core.Scheduling;

namespace Batch.Engine.Tests.Workers;

/// <summary>Stub worker → test probe: an incarnation of worker <paramref name="Index"/> started.</summary>
public sealed record StubStarted(int Index, IActorRef Worker);

/// <summary>Stub worker → test probe: the pool assigned this worker a row.</summary>
public sealed record StubAssigned(int Index, IActorRef Worker, GenerationRequest Request);

/// <summary>Test → stub worker: report this row finished to the pool.</summary>
public sealed record StubFinish(Completion Completion);

/// <summary>
/// Test → stub worker: report a fault to the pool and stop, as a real worker does; but first report
/// <paramref name="ThenFinish"/> as finished after the fault, as a dying incarnation's late messages.
/// </summary>
public sealed record StubFault(string Reason, params Completion[] ThenFinish);

/// <summary>Test → stub worker: throw, leaving the pool's supervisor to deal with it.</summary>
public sealed record StubCrash;
