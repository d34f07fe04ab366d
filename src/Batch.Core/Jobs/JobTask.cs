namespace Batch.Core.Jobs;

/// <summary>What a job does with each row.</summary>
public enum JobTask
{
    /// <summary>Generate text from the prompt.</summary>
    Generate,

    /// <summary>Score each of the job's labels after the prompt; no sampling.</summary>
    Classify,

    /// <summary>Summarize, splitting documents longer than the context (map-reduce).</summary>
    Summarize,
}
