using System.Text.Json;
using Batch.Cli.Structured;
using Batch.Core.Jobs;
using Batch.Core.Structured;
using YamlDotNet.RepresentationModel;

namespace Batch.Cli.Jobs;

/// <summary>
/// Reads the <c>response_format</c> section: the schema (inline YAML or a JSON file), its grammar, and the checks
/// that make an unusable schema a job-file error before any model loads.
/// </summary>
internal static class ResponseFormatReader
{
    public static IReadOnlyList<string> Keys { get; } = ["type", "schema", "schema_file"];

    private const string Section = "response_format";

    /// <summary>The options, or null for free text (no section, <c>type: text</c>, or errors already reported).</summary>
    public static ResponseFormatOptions? Read(YamlMappingReader top, string baseDirectory, GenerationOptions generation)
    {
        if (top.Node(Section) is null) return null;
        var format = top.Section(Section, Keys);
        var type = format.String("type") ?? ResponseFormatOptions.JsonSchemaType;
        var inline = format.Node("schema");
        var file = format.Node("schema_file");
        if (type == "text")
        {
            if ((inline ?? file) is { } extra) format.Error(extra, $"{Section}: type text takes no schema; use type: json_schema");
            return null;
        }
        if (type != ResponseFormatOptions.JsonSchemaType)
        {
            format.Error(format.Node("type")!, $"{Section}.type must be json_schema or text, got '{YamlScalars.Shorten(type)}'");
            return null;
        }
        if (inline is not null && file is not null)
        {
            format.Error(file, $"{Section}: give schema or schema_file, not both");
            return null;
        }
        if (generation.IgnoreEos)
        {
            format.ErrorAtAnchor($"{Section} cannot be combined with generation.ignore_eos: a finished JSON value can only be followed by end-of-generation");
        }
        var options = inline is not null ? ReadInline(format, inline)
            : file is not null ? ReadFile(format, file, baseDirectory)
            : Missing(format);
        return generation.IgnoreEos ? null : options;
    }

    private static ResponseFormatOptions? Missing(YamlMappingReader format)
    {
        format.ErrorAtAnchor($"{Section} needs a schema: an inline schema: mapping, or schema_file: a .json file");
        return null;
    }

    private static ResponseFormatOptions? ReadInline(YamlMappingReader format, YamlNode node)
    {
        if (node is not YamlMappingNode)
        {
            format.Error(node, $"{Section}.schema: expected a mapping (a JSON Schema written in YAML), got {YamlScalars.Describe(node)}");
            return null;
        }
        var (json, map, problems) = YamlJson.Convert(node);
        foreach (var (at, message) in problems) format.Error(at, $"{Section}.schema: {message}");
        if (problems.Count > 0) return null;
        using var document = JsonDocument.Parse(json);
        if (!TryCheck(document.RootElement, json, out var grammar, out var problem, out var pointer))
        {
            format.Error(pointer is null ? node : map.NodeAt(pointer), $"{Section}.schema: {problem}");
            return null;
        }
        return new ResponseFormatOptions { Schema = json, Grammar = grammar };
    }

    private static ResponseFormatOptions? ReadFile(YamlMappingReader format, YamlNode node, string baseDirectory)
    {
        var path = format.String("schema_file");
        if (path is null) return null;
        var where = $"{Section}.schema_file";
        if (!path.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
        {
            format.Error(node, $"{where}: must be a .json file, got '{path}'");
            return null;
        }
        var fullPath = Path.GetFullPath(path, baseDirectory);
        string json;
        try
        {
            json = File.ReadAllText(fullPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            var reason = e is FileNotFoundException or DirectoryNotFoundException ? "does not exist" : $"cannot be read: {e.Message}";
            format.Error(node, $"{where}: '{fullPath}' {reason}");
            return null;
        }
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            // JsonDocument offers no Try-parse; a malformed schema file is an expected job-file error.
            format.Error(node, $"{where}: {path}:{e.LineNumber + 1}:{e.BytePositionInLine + 1}: invalid JSON: {e.Message}");
            return null;
        }
        using (document)
        {
            if (!TryCheck(document.RootElement, json, out var grammar, out var problem, out _))
            {
                format.Error(node, $"{where}: {path}: {problem}");
                return null;
            }
            return new ResponseFormatOptions { Schema = json, SchemaFile = path, Grammar = grammar };
        }
    }

    /// <summary>The grammar converts and passes the GBNF checks, and JsonSchema.Net can validate against the schema.</summary>
    private static bool TryCheck(JsonElement schema, string json, out string grammar, out string? problem, out string? pointer)
    {
        grammar = "";
        pointer = null;
        if (!JsonSchemaGrammar.TryConvert(schema, out var gbnf, out var unsupported))
        {
            problem = unsupported.ToString();
            pointer = unsupported.Pointer;
            return false;
        }
        if (!SchemaValidator.TryCreate(json, out _, out problem)) return false;
        grammar = gbnf.Text;
        return true;
    }
}
