namespace Batch.Core.Scheduling;

/// <summary>
/// A classification request: the token sequence of every label as it continues the prompt.
/// </summary>
/// <param name="Labels">Each label's tokens (at least one each).</param>
/// <param name="SharePrompt">
/// True: the prompt is computed once and each label is fed after it, the KV cut back to the prompt
/// between labels. False: every label recomputes the prompt, as scoring each label in its own pass
/// would; kept as the baseline that benchmarks compare against.
/// </param>
public sealed record LabelScoring(IReadOnlyList<int[]> Labels, bool SharePrompt = true);
