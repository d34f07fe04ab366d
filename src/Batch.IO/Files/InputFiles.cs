namespace Batch.IO.Files;

/// <summary>Expands the job's input paths and globs into files, in a stable order.</summary>
public static class InputFiles
{
    /// <summary>
    /// Each pattern may use <c>*</c> and <c>?</c> in its file name and <c>**</c> as a directory
    /// (any depth). A plain path that does not exist, or a glob matching nothing, is an error.
    /// </summary>
    public static bool TryExpand(string baseDirectory, IEnumerable<string> patterns, out IReadOnlyList<string> files, out IReadOnlyList<string> errors)
    {
        var found = new List<string>();
        var problems = new List<string>();
        foreach (var pattern in patterns)
        {
            var full = Path.GetFullPath(pattern, baseDirectory);
            var matches = Match(full);
            if (matches.Count == 0)
                problems.Add(HasWildcard(pattern) ? $"input glob '{pattern}' matched no file" : $"input file '{full}' does not exist");
            found.AddRange(matches.Where(m => !found.Contains(m)));
        }
        files = found;
        errors = problems;
        return problems.Count == 0;
    }

    private static List<string> Match(string full)
    {
        if (!HasWildcard(full)) return File.Exists(full) ? [full] : [];
        var parts = full.Split(Path.DirectorySeparatorChar);
        var firstWild = Array.FindIndex(parts, HasWildcard);
        var root = string.Join(Path.DirectorySeparatorChar, parts[..firstWild]);
        if (root.Length == 0) root = Path.DirectorySeparatorChar.ToString();
        if (!Directory.Exists(root)) return [];
        var namePattern = parts[^1];
        var recursive = parts[firstWild..^1].Contains("**");
        if (!recursive && firstWild != parts.Length - 1)
            return Directory.EnumerateDirectories(root, parts[firstWild])
                .SelectMany(d => Match(Path.Combine([d, .. parts[(firstWild + 1)..]])))
                .Order(StringComparer.Ordinal).ToList();
        var option = recursive ? SearchOption.AllDirectories : SearchOption.TopDirectoryOnly;
        return Directory.EnumerateFiles(root, namePattern, option).Order(StringComparer.Ordinal).ToList();
    }

    private static bool HasWildcard(string s) => s.Contains('*') || s.Contains('?');
}
