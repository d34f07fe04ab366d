using Batch.Core.Jobs;
using Batch.Core.Summaries;
using Batch.Core.Text;

namespace Batch.Cli.Jobs;

/// <summary>Reads and cross-checks what <c>task: summarize</c> adds to a job: the task, <c>chunking</c> and <c>prompt.reduce_template</c>.</summary>
internal static class SummaryOptionsReader
{
    public static readonly IReadOnlyList<string> ChunkingKeys = ["field", "max_tokens", "overlap"];

    /// <summary>The chunking section, or null when the job has none.</summary>
    public static ChunkingOptions? ReadChunking(YamlMappingReader top, JobTask task, GenerationOptions generation, ModelOptions model)
    {
        if (top.Node("chunking") is not { } node) return null;
        var chunking = top.Section("chunking", ChunkingKeys);
        var defaults = new ChunkingOptions();
        var field = chunking.String("field");
        if (field is { Length: 0 } && chunking.Node("field") is { } fieldNode) chunking.Error(fieldNode, "chunking.field: must not be empty");
        var options = new ChunkingOptions
        {
            Field = string.IsNullOrEmpty(field) ? defaults.Field : field,
            MaxTokens = (int)chunking.Integer("max_tokens", defaults.MaxTokens, 16, 1_048_576),
            Overlap = (int)chunking.Integer("overlap", defaults.Overlap, 0, 1_048_576),
        };
        if (task != JobTask.Summarize)
        {
            top.Error(node, "chunking is only for task: summarize");
            return options;
        }
        var at = chunking.Node("max_tokens") ?? chunking.Node("overlap") ?? node;
        if (options.Overlap >= options.MaxTokens)
        {
            chunking.Error(chunking.Node("overlap") ?? at, $"chunking.overlap ({options.Overlap}) must be less than chunking.max_tokens ({options.MaxTokens})");
        }
        else if (2 * (options.Overlap + generation.MaxTokens) > options.MaxTokens)
        {
            // A chunk is cut in the upper half of its budget, so a level reads at least max_tokens / 2 - overlap new tokens per summary.
            chunking.Error(at, $"chunking.max_tokens ({options.MaxTokens}) must be at least twice chunking.overlap + generation.max_tokens "
                + $"({options.Overlap} + {generation.MaxTokens}), so that each level of summaries is shorter than the text it summarizes");
        }
        if (model.Context > 0 && options.MaxTokens + generation.MaxTokens >= model.Context)
        {
            chunking.Error(at, $"chunking.max_tokens + generation.max_tokens ({options.MaxTokens} + {generation.MaxTokens}) must leave room "
                + $"in model.context ({model.Context}) for the prompt around the chunk");
        }
        return options;
    }

    /// <summary>The reduce template (default when absent); checks it parses, uses {summaries}, and is only set where it is used.</summary>
    public static string ReadReduceTemplate(YamlMappingReader prompt, JobTask task, bool hasChunking)
    {
        var text = prompt.String("reduce_template");
        if (text is null || prompt.Node("reduce_template") is not { } node) return PromptOptions.DefaultReduceTemplate;
        if (task != JobTask.Summarize || !hasChunking)
        {
            prompt.Error(node, "prompt.reduce_template is only used with task: summarize and a chunking section");
        }
        else if (!PromptTemplate.TryParse(text, out var template, out var error))
        {
            prompt.Error(node, $"prompt.reduce_template: {error}");
        }
        else if (!template.Placeholders.Contains(SummaryPrompts.SummariesPlaceholder))
        {
            prompt.Error(node, $"prompt.reduce_template must place the chunk summaries with {{{SummaryPrompts.SummariesPlaceholder}}}");
        }
        return text;
    }

    /// <summary>With chunking, the template must place the document field, or chunks would never reach the model.</summary>
    public static void CheckDocumentField(YamlMappingReader top, YamlMappingReader prompt, ChunkingOptions? chunking, PromptTemplate? template)
    {
        if (chunking is null || template is null || template.Placeholders.Contains(chunking.Field)) return;
        var message = $"prompt.template does not use {{{chunking.Field}}}, the document field of chunking.field";
        if (prompt.Node("template") is { } templateNode) prompt.Error(templateNode, message);
        else if (top.Node("chunking") is { } chunkingNode) top.Error(chunkingNode, message);
    }
}
