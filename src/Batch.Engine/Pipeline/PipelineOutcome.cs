namespace Batch.Engine.Pipeline;

/// <summary>How a pipeline run ended (fatal failures are exceptions).</summary>
public enum PipelineOutcome
{
    /// <summary>Every row was written.</summary>
    Completed,
    /// <summary>Stopped on request: what was written is checkpointed; the rest runs on resume.</summary>
    Stopped,
}
