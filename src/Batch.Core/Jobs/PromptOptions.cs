namespace Batch.Core.Jobs;

/// <summary>The <c>prompt</c> section: how a row becomes a prompt.</summary>
public sealed record PromptOptions
{
    /// <summary>Text placed before the rendered template (instructions shared by every row).</summary>
    public string? System { get; init; }

    /// <summary>The prompt with <c>{field}</c> placeholders; <c>{{</c> and <c>}}</c> are literal braces.</summary>
    public string Template { get; init; } = "{text}";

    /// <summary>Wrap the rendered template as a user message (after <see cref="System"/> as a system message) in the model's chat template.</summary>
    public bool Chat { get; init; }
}
