namespace Batch.Core.Jobs;

/// <summary>The <c>classify:</c> section, used with <c>task: classify</c>.</summary>
public sealed record ClassifyOptions
{
    /// <summary>The labels, scored as the text that continues the prompt (at least two, distinct).</summary>
    public IReadOnlyList<string> Labels { get; init; } = [];

    /// <summary>Optional text per label, shown in the prompt's <c>{labels}</c> placeholder.</summary>
    public IReadOnlyDictionary<string, string> Descriptions { get; init; } = new Dictionary<string, string>();

    /// <summary>Below this best probability the row's label is null; null keeps every argmax.</summary>
    public double? Threshold { get; init; }

    /// <summary>Compute the prompt once for all labels (true), or once per label (the baseline).</summary>
    public bool SharePrompt { get; init; } = true;
}
