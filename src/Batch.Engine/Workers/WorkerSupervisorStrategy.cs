using Akka.Actor;
using Akka.Actor.Internal;

namespace Batch.Engine.Workers;

/// <summary>
/// The pool's backstop for a worker that throws instead of reporting <see cref="WorkerFaulted"/>: stop it and tell
/// the pool why, as if the worker had said so. Akka's own restart is not used: it would keep the actor but lose the
/// rows its scheduler held, and only the pool knows which rows to put back in the queue.
/// </summary>
internal sealed class WorkerSupervisorStrategy() : OneForOneStrategy(_ => Directive.Stop)
{
    public override void ProcessFailure(IActorContext context, bool restart, IActorRef child, Exception cause,
        ChildRestartStats stats, IReadOnlyCollection<ChildRestartStats> children)
    {
        // Runs on the pool's thread, before the child stops: the reason is queued ahead of its Terminated.
        var error = cause is ActorInitializationException { InnerException: { } inner } ? inner : cause;
        context.Self.Tell(new WorkerCrashed($"crashed: {error.GetType().Name}: {error.Message}"), child);
        base.ProcessFailure(context, restart: false, child, cause, stats, children);
    }
}
