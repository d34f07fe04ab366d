namespace Batch.Core.Jobs;

/// <summary>The <c>output</c> section: where results go and which input fields they carry.</summary>
public sealed record OutputOptions
{
    /// <summary>Output JSONL path, relative to the job file.</summary>
    public string Path { get; init; } = "out/output.jsonl";

    /// <summary>Input fields copied into each output row.</summary>
    public IReadOnlyList<string> Carry { get; init; } = [];
}
