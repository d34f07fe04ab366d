using Batch.Core.Jobs;
using Batch.Core.Scheduling;
using Batch.Core.Text;

namespace Batch.Core.Rows;

/// <summary>
/// What <c>task: classify</c> adds to a row: the <c>{labels}</c> text for the prompt, and each
/// label's tokens as the text that continues the prompt.
/// </summary>
public sealed class ClassifyPrompt(ClassifyOptions options)
{
    /// <summary>The template placeholder filled with the job's labels (and their descriptions).</summary>
    public const string LabelsPlaceholder = "labels";

    public IReadOnlyList<string> Labels => options.Labels;

    /// <summary>One line per label: "- name" or "- name: description".</summary>
    public string LabelList => string.Join("\n", options.Labels.Select(label =>
        options.Descriptions.TryGetValue(label, out var text) ? $"- {label}: {text}" : $"- {label}"));

    /// <summary>The label scoring for a prompt: every label's tokens as they follow it.</summary>
    public LabelScoring ScoringFor(ITokenizer tokenizer, string prompt, int[] promptTokens) =>
        new(options.Labels.Select(label => Continuation(tokenizer, prompt, promptTokens, label)).ToArray(), options.SharePrompt);

    /// <summary>
    /// Softmax over the labels' summed log-probabilities (so multi-token labels compete fairly with
    /// single-token ones), the argmax as the label, or null when its probability is below the threshold.
    /// </summary>
    public Classification Decide(IReadOnlyList<double> labelLogProbabilities)
    {
        var probabilities = Decoding.LogSoftmax.Normalize(labelLogProbabilities);
        var best = Array.IndexOf(probabilities, probabilities.Max());
        var label = options.Threshold is { } t && probabilities[best] < t ? null : options.Labels[best];
        return new Classification(label, options.Labels.Select((l, i) => KeyValuePair.Create(l, probabilities[i])).ToArray());
    }

    // A label follows the prompt after a space unless the prompt ends in whitespace. Tokenizing prompt +
    // label together and keeping the suffix gives the tokens the model would really see there (an SPM
    // tokenizer adds a stray space token to a lone " positive"); if the join changes the prompt's own
    // tokens, the label is tokenized alone.
    private static int[] Continuation(ITokenizer tokenizer, string prompt, int[] promptTokens, string label)
    {
        var text = prompt.Length > 0 && char.IsWhiteSpace(prompt[^1]) ? label : " " + label;
        var joined = tokenizer.Tokenize(prompt + text, addBos: true);
        if (joined.Length > promptTokens.Length && joined.AsSpan(0, promptTokens.Length).SequenceEqual(promptTokens))
            return joined[promptTokens.Length..];
        return tokenizer.Tokenize(text, addBos: false);
    }
}
