namespace Batch.Core.Jobs;

/// <summary>A validated job file: every section with its defaults filled in.</summary>
public sealed record JobSpec
{
    public int Version { get; init; } = 1;
    public JobTask Task { get; init; } = JobTask.Generate;
    public ClassifyOptions Classify { get; init; } = new();
    public ModelOptions Model { get; init; } = new();
    public InputOptions Input { get; init; } = new();
    public PromptOptions Prompt { get; init; } = new();
    public GenerationOptions Generation { get; init; } = new();
    public OutputOptions Output { get; init; } = new();
    public SchedulerOptions Scheduler { get; init; } = new();
    public CheckpointOptions Checkpoint { get; init; } = new();
    public KvOptions Kv { get; init; } = new();
    public WorkersOptions Workers { get; init; } = new();

    /// <summary>Map-reduce for documents longer than the context (summarize only); null = a too-long row is an error row.</summary>
    public ChunkingOptions? Chunking { get; init; }

    /// <summary>Rows are summarized by map-reduce when they do not fit the context.</summary>
    public bool IsChunkedSummary => Task == JobTask.Summarize && Chunking is not null;

    /// <summary>The <c>response_format</c> section; null = free text.</summary>
    public ResponseFormatOptions? ResponseFormat { get; init; }

    /// <summary>Folder that relative paths in the job resolve against (the job file's folder).</summary>
    public string BaseDirectory { get; init; } = ".";
}
