using Akka.Actor;
using Batch.Core.Rows;
using Batch.Core.Scheduling;

namespace Batch.Engine.Pipeline;

/// <summary>
/// Takes over rows whose result needs more than one request (a chunked summary). The pipeline hands
/// each row over at dispatch instead of submitting it, passes every completion through the router,
/// and writes a row when the router returns it as done — one completion under the row's own id,
/// exactly once. Called from the dispatcher and from the pool's thread at once.
/// </summary>
public interface IDocumentRouter
{
    /// <summary>Starts a row's requests on <paramref name="pool"/>; returns the rows that finished meanwhile (one that cannot start at all, say).</summary>
    IReadOnlyList<Completion> Submit(PreparedRow row, IActorRef pool);

    /// <summary>Takes one request's completion and submits whatever follows it; returns the rows that finished.</summary>
    IReadOnlyList<Completion> Completed(Completion completion, IActorRef pool);
}
