using Batch.Core.Jobs;
using YamlDotNet.RepresentationModel;

namespace Batch.Cli.Jobs;

/// <summary>Reads the top-level <c>task</c> key and the <c>classify:</c> section, and checks they agree.</summary>
internal static class TaskSectionReader
{
    /// <summary>The keys of the <c>classify:</c> section.</summary>
    public static IReadOnlyList<string> ClassifyKeys { get; } = ["labels", "descriptions", "threshold", "share_prompt"];

    private static readonly IReadOnlyList<string> TaskNames = ["generate", "classify", "summarize"];

    public static JobTask ReadTask(YamlMappingReader top)
    {
        var text = top.String("task");
        if (text is null) return JobTask.Generate;
        var index = TaskNames.ToList().IndexOf(text);
        if (index >= 0) return (JobTask)index;
        top.Error(top.Node("task")!, $"task must be generate, classify or summarize, got '{text}'");
        return JobTask.Generate;
    }

    public static ClassifyOptions ReadClassify(YamlMappingReader top, JobTask task)
    {
        var defaults = new ClassifyOptions();
        var present = top.Node("classify") is not null;
        var section = top.Section("classify", ClassifyKeys);
        if (present && task != JobTask.Classify)
        {
            top.Error(top.Node("classify")!, "classify: only applies with task: classify");
        }
        var labels = section.StringList("labels") ?? defaults.Labels;
        if (task == JobTask.Classify)
        {
            CheckLabels(section, labels);
        }
        var descriptions = ReadDescriptions(section, labels);
        double? threshold = section.Node("threshold") is null
            ? null
            : section.Number("threshold", 0, v => v is > 0 and <= 1, "in (0, 1]: below it a row's label is null");
        return new ClassifyOptions
        {
            Labels = labels,
            Descriptions = descriptions,
            Threshold = threshold,
            SharePrompt = section.Bool("share_prompt", defaults.SharePrompt),
        };
    }

    private static void CheckLabels(YamlMappingReader section, IReadOnlyList<string> labels)
    {
        var node = section.Node("labels");
        if (node is null)
        {
            section.ErrorAtAnchor("classify.labels is required with task: classify, e.g. labels: [positive, negative, neutral]");
            return;
        }
        if (labels.Count < 2)
        {
            section.Error(node, "classify.labels: give at least two labels");
        }
        if (labels.Any(string.IsNullOrWhiteSpace))
        {
            section.Error(node, "classify.labels: a label must not be empty");
        }
        var duplicate = labels.GroupBy(l => l, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            section.Error(node, $"classify.labels: '{duplicate.Key}' is listed twice");
        }
    }

    private static Dictionary<string, string> ReadDescriptions(YamlMappingReader section, IReadOnlyList<string> labels)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (section.Node("descriptions") is not { } node) return result;
        if (node is not YamlMappingNode mapping)
        {
            section.Error(node, "classify.descriptions: expected a mapping of label → description");
            return result;
        }
        foreach (var (key, value) in mapping.Children)
        {
            var label = (key as YamlScalarNode)?.Value ?? "";
            if (!labels.Contains(label, StringComparer.Ordinal))
            {
                section.Error(key, $"classify.descriptions: '{label}' is not one of the labels ({string.Join(", ", labels)})");
            }
            else if (value is YamlScalarNode { Value: { Length: > 0 } text })
            {
                result[label] = text;
            }
            else
            {
                section.Error(value, $"classify.descriptions.{label}: expected a non-empty string");
            }
        }
        return result;
    }
}
