using Batch.Core.Jobs;
using Batch.Core.Text;
using Batch.Llama.Chat;

namespace Batch.Cli.Jobs;

/// <summary>The value rules of a job file that go beyond types and ranges; each returns an error message or null.</summary>
internal static class JobValidator
{
    public const string SyntheticPrefix = "synthetic:";

    public static IReadOnlyList<string> SyntheticPresets { get; } = ["tiny", "small", "bench"];

    public static string? CheckModelPath(string path)
    {
        if (path.StartsWith(SyntheticPrefix, StringComparison.Ordinal))
        {
            var preset = path[SyntheticPrefix.Length..];
            return SyntheticPresets.Contains(preset, StringComparer.Ordinal)
                ? null
                : $"unknown synthetic model '{preset}'; expected {string.Join(", ", SyntheticPresets.Select(p => SyntheticPrefix + p))}";
        }
        return path.EndsWith(".gguf", StringComparison.OrdinalIgnoreCase)
            ? null
            : $"expected a .gguf file or {SyntheticPrefix}{string.Join("|", SyntheticPresets)}, got '{path}'";
    }

    /// <summary>A file ending in .jsonl, or a glob whose name part leaves the extension open (<c>data/*</c>).</summary>
    public static string? CheckInputPath(string path)
    {
        var name = path[(path.LastIndexOfAny(['/', '\\']) + 1)..];
        if (name.Length == 0)
        {
            return $"'{path}' names a folder; give files or a glob such as '{path}*.jsonl'";
        }
        var extension = Path.GetExtension(name);
        if (extension.Equals(".jsonl", StringComparison.OrdinalIgnoreCase)
            || extension.Equals(".parquet", StringComparison.OrdinalIgnoreCase)
            || IsGlob(extension))
        {
            return null;
        }
        if (extension.Length == 0)
        {
            return IsGlob(name) ? null : $"'{path}' has no file extension; supported: .jsonl, .parquet";
        }
        return $"'{path}' has an unsupported extension '{extension}'; supported: .jsonl, .parquet";
    }

    public static string? CheckOutputPath(string path) =>
        path.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase)
            ? null
            : $"must end in .jsonl or .parquet, got '{path}'";

    public static string? CheckErrorsPath(string path) =>
        path.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase) ? null : $"must end in .jsonl, got '{path}'";

    /// <summary>Placeholders of <paramref name="template"/> that <paramref name="fields"/> does not list, in template order.</summary>
    public static IReadOnlyList<string> PlaceholdersMissingFrom(PromptTemplate template, IReadOnlyList<string> fields) =>
        template.Placeholders.Where(p => !fields.Contains(p, StringComparer.Ordinal)).ToArray();

    public static IReadOnlyList<string> InputFormats { get; } = ["auto", "jsonl", "parquet", InputOptions.OpenAiBatchFormat];

    public static string? CheckInputFormat(string format) =>
        InputFormats.Contains(format, StringComparer.Ordinal) ? null : $"must be {string.Join(", ", InputFormats)}, got '{format}'";

    /// <summary>auto, none, or a family llama.cpp knows (asks the native library, which loads no model).</summary>
    public static string? CheckChatTemplate(string value)
    {
        if (value is ChatTemplateResolver.Auto or ChatTemplateResolver.None) return null;
        var families = LlamaChatFormatter.BuiltinFamilies();
        return families.Contains(value, StringComparer.Ordinal)
            ? null
            : $"must be auto, none or a llama.cpp template family ({string.Join(", ", families)}), got '{value}'";
    }

    /// <summary>The rules that tie chat and the OpenAI batch format to other sections.</summary>
    public static void CheckChatSettings(ModelOptions model, YamlMappingReader inputSection, InputOptions input,
        YamlMappingReader promptSection, PromptOptions prompt, YamlMappingReader outputSection, OutputOptions output)
    {
        if (prompt.Chat && model.ChatTemplate == ChatTemplateResolver.None && promptSection.Node("chat") is { } chat)
            promptSection.Error(chat, "prompt.chat needs a chat template, but model.chat_template is none");
        if (!input.IsOpenAiBatch) return;
        var format = inputSection.Node("format")!;
        if (!output.Path.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase))
            outputSection.Error(outputSection.Node("path") ?? format,
                $"output.path must end in .jsonl with input.format: {InputOptions.OpenAiBatchFormat} (the output is OpenAI batch output lines)");
        if (output.Carry.Count > 0 && outputSection.Node("carry") is { } carry)
            outputSection.Error(carry, $"output.carry is not used with input.format: {InputOptions.OpenAiBatchFormat}; the output lines have OpenAI's fields only");
    }

    private static bool IsGlob(string text) => text.AsSpan().IndexOfAny('*', '?', '[') >= 0;
}
