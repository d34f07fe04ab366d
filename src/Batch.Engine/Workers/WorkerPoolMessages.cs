using Batch.Core.Scheduling;

namespace Batch.Engine.Workers;

/// <summary>Edge → pool: a tokenized row to decode on some worker.</summary>
public sealed record SubmitRow(GenerationRequest Request);

/// <summary>What the pool reports back to the edge (the pipeline), called from the pool's thread.</summary>
/// <param name="Completed">A row finished on some worker.</param>
/// <param name="Failed">No worker is left to finish the job; the reason.</param>
public sealed record WorkerPoolCallbacks(Action<Completion> Completed, Action<string> Failed);
