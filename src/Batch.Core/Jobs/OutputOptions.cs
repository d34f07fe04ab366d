namespace Batch.Core.Jobs;

/// <summary>The <c>output</c> section: where results go and which input fields they carry.</summary>
public sealed record OutputOptions
{
    /// <summary>Output path, relative to the job file: a .jsonl file or a .parquet folder of part files.</summary>
    public string Path { get; init; } = "out/output.jsonl";

    /// <summary>Input fields copied into each output row.</summary>
    public IReadOnlyList<string> Carry { get; init; } = [];

    /// <summary>The errors file; null = <c>&lt;output name&gt;.errors.jsonl</c> beside the output.</summary>
    public string? Errors { get; init; }

    /// <summary>Add each row's generated token ids (<c>token_ids</c>) to the output, for evaluation and debugging.</summary>
    public bool IncludeTokenIds { get; init; }
}
