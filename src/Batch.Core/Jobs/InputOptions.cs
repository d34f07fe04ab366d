namespace Batch.Core.Jobs;

/// <summary>The <c>input</c> section: where rows come from and which fields they carry.</summary>
public sealed record InputOptions
{
    /// <summary>Files or globs, relative to the job file; format from the extension.</summary>
    public IReadOnlyList<string> Paths { get; init; } = [];

    /// <summary>The field holding each row's unique id.</summary>
    public string Id { get; init; } = "id";

    /// <summary>Fields a row must have; empty = the placeholders the prompt template uses.</summary>
    public IReadOnlyList<string> Fields { get; init; } = [];
}
