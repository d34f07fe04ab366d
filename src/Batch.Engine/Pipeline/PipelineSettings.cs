using Batch.Core.Structured;

namespace Batch.Engine.Pipeline;

/// <summary>The pipeline's bounds: together they cap the rows held in memory.</summary>
/// <param name="InFlightRows">Rows between the dispatcher and the writer (queued in workers or decoding).</param>
/// <param name="TokenizeParallelism">Rows tokenized at once.</param>
/// <param name="StageCapacity">Items buffered in front of each stage.</param>
/// <param name="IncludeTokenIds">Put each row's generated token ids in its output row.</param>
/// <param name="RowOutputCheck">A row's own check (an OpenAI batch line's response_format), used before <paramref name="OutputCheck"/>.</param>
/// <param name="OutputCheck">The job's response_format check; a completion that fails it becomes an error row.</param>
public sealed record PipelineSettings(
    int InFlightRows, int TokenizeParallelism = 2, int StageCapacity = 64, bool IncludeTokenIds = false, StructuredOutputCheck? OutputCheck = null,
    Batch.Core.Rows.ClassifyPrompt? Classify = null,
    Func<Batch.Core.Rows.PreparedRow, StructuredOutputCheck?>? RowOutputCheck = null);
