namespace Batch.Core.Jobs;

/// <summary>What a job does with each row (the top-level <c>task</c> key).</summary>
public enum JobTask
{
    /// <summary>One generation request per row: the row's prompt in, the generated text out.</summary>
    Generate,

    /// <summary>Pick a label per row (not supported yet).</summary>
    Classify,

    /// <summary>Summarize each row's document; with <see cref="JobSpec.Chunking"/>, documents longer than the context are map-reduced.</summary>
    Summarize,
}
