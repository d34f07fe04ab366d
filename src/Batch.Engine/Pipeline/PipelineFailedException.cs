namespace Batch.Engine.Pipeline;

/// <summary>The job could not go on (no worker left, the output could not be written).</summary>
public sealed class PipelineFailedException(string message, Exception? inner = null) : Exception(message, inner);
