using Batch.Core.Text;

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

    private static bool IsGlob(string text) => text.AsSpan().IndexOfAny('*', '?', '[') >= 0;
}
