namespace Batch.Core.Scheduling;

/// <summary>Why a row's output ended; serialized in snake case.</summary>
public enum FinishReason
{
    /// <summary>An end-of-generation token or a stop string.</summary>
    Stop,
    /// <summary>max_tokens, or the sequence reached the context limit.</summary>
    Length,
    /// <summary>The row failed; see its error.</summary>
    Error,
}
