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

    /// <summary>A field that, when a row has it, holds the row's chat (<c>[{role, content}]</c>) in place of the prompt template.</summary>
    public string Messages { get; init; } = "messages";

    /// <summary><c>auto</c> (by extension), <c>jsonl</c>, <c>parquet</c>, or <c>openai_batch</c> (OpenAI Batch API request lines).</summary>
    public string Format { get; init; } = "auto";

    /// <summary>Whether rows are OpenAI Batch API request lines (<c>{custom_id, method, url, body}</c>).</summary>
    public bool IsOpenAiBatch => Format == OpenAiBatchFormat;

    /// <summary>The <see cref="Format"/> of OpenAI Batch API request files.</summary>
    public const string OpenAiBatchFormat = "openai_batch";
}
