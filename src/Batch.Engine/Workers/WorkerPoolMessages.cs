using Batch.Core.Scheduling;

namespace Batch.Engine.Workers;

/// <summary>Edge → pool: a tokenized row to decode on some worker.</summary>
public sealed record SubmitRow(GenerationRequest Request);

/// <summary>What the pool reports back to the edge (the pipeline), called from the pool's thread.</summary>
/// <param name="Completed">A row finished on some worker; called exactly once per submitted row.</param>
/// <param name="Failed">No worker is left to finish the job; the reason. Called at most once.</param>
public sealed record WorkerPoolCallbacks(Action<Completion> Completed, Action<string> Failed);

/// <summary>Pool → itself, sent as the crashed worker: a worker threw instead of reporting <see cref="WorkerFaulted"/>.</summary>
internal sealed record WorkerCrashed(string Reason);

/// <summary>Pool → itself, when a failed worker's backoff is over: start its next incarnation.</summary>
internal sealed record RestartWorker(int WorkerIndex);
