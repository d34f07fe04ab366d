using Batch.Core.Rows;
using Batch.Core.Scheduling;

namespace Batch.Engine.Pipeline;

/// <summary>A row after tokenizing: a request for the workers, or an error row for the writer.</summary>
internal sealed record WorkItem(PreparedRow? Row, GenerationRequest? Request, OutputRow? Failure);
