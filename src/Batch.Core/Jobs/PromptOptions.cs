namespace Batch.Core.Jobs;

/// <summary>The <c>prompt</c> section: how a row becomes a prompt.</summary>
public sealed record PromptOptions
{
    /// <summary>Text placed before the rendered template (instructions shared by every row).</summary>
    public string? System { get; init; }

    /// <summary>The prompt with <c>{field}</c> placeholders; <c>{{</c> and <c>}}</c> are literal braces.</summary>
    public string Template { get; init; } = "{text}";

    /// <summary>The built-in <see cref="ReduceTemplate"/>.</summary>
    public const string DefaultReduceTemplate =
        "The following are summaries of consecutive parts of one document. Combine them into one summary of the whole document.\n\n{summaries}\n\nSummary:";

    /// <summary>
    /// With chunking: the prompt that summarizes chunk summaries, <c>{summaries}</c> being them joined by blank
    /// lines; other placeholders are row fields. <see cref="System"/> goes before it as before the template.
    /// </summary>
    public string ReduceTemplate { get; init; } = DefaultReduceTemplate;

    /// <summary>Wrap the rendered template as a user message (after <see cref="System"/> as a system message) in the model's chat template.</summary>
    public bool Chat { get; init; }
}
