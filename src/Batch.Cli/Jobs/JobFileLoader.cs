using System.Diagnostics.CodeAnalysis;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Batch.Cli.Jobs;

/// <summary>Loads and validates a job file (YAML, version 1), reporting every error at once with its line and column.</summary>
public static class JobFileLoader
{
    /// <summary>Reads the job file at <paramref name="path"/>; relative paths in it resolve against its folder.</summary>
    public static JobFileLoadResult Load(string path)
    {
        var fullPath = Path.GetFullPath(path);
        if (!File.Exists(fullPath))
        {
            var what = Directory.Exists(fullPath) ? "is a folder, not a job file" : "does not exist";
            return JobFileLoadResult.Failure([new JobFileError(path, 0, 0, $"job file '{fullPath}' {what}")]);
        }
        string yaml;
        try
        {
            yaml = File.ReadAllText(fullPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return JobFileLoadResult.Failure([new JobFileError(path, 0, 0, $"cannot read job file: {e.Message}")]);
        }
        return Parse(yaml, path, Path.GetDirectoryName(fullPath) ?? fullPath);
    }

    /// <summary>Validates job YAML already in memory; <paramref name="file"/> only labels the errors.</summary>
    public static JobFileLoadResult Parse(string yaml, string file, string baseDirectory)
    {
        var errors = new JobFileErrorList(file);
        if (!TryReadRoot(yaml, errors, out var root))
        {
            return JobFileLoadResult.Failure(errors.ToSortedList());
        }
        var job = new JobSpecReader(errors).Read(root, Path.GetFullPath(baseDirectory));
        return errors.Count == 0 ? JobFileLoadResult.Success(job) : JobFileLoadResult.Failure(errors.ToSortedList());
    }

    private static bool TryReadRoot(string yaml, JobFileErrorList errors, [NotNullWhen(true)] out YamlMappingNode? root)
    {
        root = null;
        var parser = new TrackingParser(new StringReader(yaml));
        var stream = new YamlStream();
        try
        {
            stream.Load(parser);
        }
        catch (AnchorNotFoundException e)
        {
            // The usual cause is an unquoted glob: YAML reads `*.jsonl` as a reference to an anchor named ".jsonl".
            errors.Add(parser.FirstUnknownAlias ?? e.Start, $"invalid YAML: {e.Message}; a value starting with '*' must be quoted, e.g. '*.jsonl'");
            return false;
        }
        catch (YamlException e)
        {
            errors.Add(e.Start, $"invalid YAML: {e.Message}");
            return false;
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner throws this, without a position, for some malformed input such as an unclosed '['.
            errors.Add(parser.LastGoodEnd, "invalid YAML after this point (an unclosed '[' or '{'?)");
            return false;
        }
        if (stream.Documents.Count == 0)
        {
            errors.Add(Mark.Empty, "the job file is empty; it needs at least input.paths");
            return false;
        }
        if (stream.Documents.Count > 1)
        {
            errors.Add(stream.Documents[1].RootNode, "a job file holds one YAML document, but a second one starts here");
            return false;
        }
        var node = stream.Documents[0].RootNode;
        if (node is not YamlMappingNode mapping)
        {
            errors.Add(node, $"a job file is a mapping of sections (version, model, input, prompt, ...), got {YamlScalars.Describe(node)}");
            return false;
        }
        root = mapping;
        return true;
    }
}
