using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using YamlDotNet.RepresentationModel;

namespace Batch.Cli.Jobs;

/// <summary>
/// Turns an inline YAML schema into JSON text, remembering which YAML node each JSON pointer came from so that
/// a problem the converter finds deep in the schema is reported at its own line and column.
/// </summary>
internal sealed class YamlJson
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly Dictionary<string, YamlNode> nodes = new(StringComparer.Ordinal);
    private readonly List<(YamlNode Node, string Message)> problems = [];
    // The nodes being written: a YAML alias inside its own anchor would otherwise recurse forever.
    private readonly HashSet<YamlNode> open = new(ReferenceEqualityComparer.Instance);

    // JsonDocument reads at most 64 levels by default; a schema that deep is a mistake anyway.
    private const int MaxDepth = 64;

    private YamlJson()
    {
    }

    /// <summary>Converts <paramref name="node"/>; problems (non-scalar keys, .inf) are listed with their nodes.</summary>
    public static (string Json, YamlJson Map, IReadOnlyList<(YamlNode Node, string Message)> Problems) Convert(YamlNode node)
    {
        var map = new YamlJson();
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            map.Write(writer, node, "");
        }
        return (Encoding.UTF8.GetString(buffer.ToArray()), map, map.problems);
    }

    /// <summary>The YAML node at <paramref name="pointer"/>, or at its nearest ancestor that has one.</summary>
    public YamlNode NodeAt(string pointer)
    {
        while (true)
        {
            if (nodes.TryGetValue(pointer, out var node)) return node;
            var cut = pointer.LastIndexOf('/');
            pointer = cut <= 0 ? "" : pointer[..cut];
        }
    }

    private void Write(Utf8JsonWriter writer, YamlNode node, string pointer)
    {
        nodes[pointer] = node;
        if (open.Count >= MaxDepth || !open.Add(node))
        {
            problems.Add((node, open.Contains(node) ? "a YAML alias inside its own anchor makes an endless schema; use $ref" : $"the schema nests deeper than {MaxDepth} levels"));
            writer.WriteNullValue();
            return;
        }
        WriteNode(writer, node, pointer);
        open.Remove(node);
    }

    private void WriteNode(Utf8JsonWriter writer, YamlNode node, string pointer)
    {
        switch (node)
        {
            case YamlMappingNode mapping:
                writer.WriteStartObject();
                foreach (var (key, value) in mapping.Children)
                {
                    if (key is not YamlScalarNode { Value: { } name } || YamlScalars.IsNull(key))
                    {
                        problems.Add((key, $"schema keys must be strings, got {YamlScalars.Describe(key)}"));
                        continue;
                    }
                    writer.WritePropertyName(name);
                    Write(writer, value, $"{pointer}/{name.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal)}");
                }
                writer.WriteEndObject();
                break;
            case YamlSequenceNode sequence:
                writer.WriteStartArray();
                for (var i = 0; i < sequence.Children.Count; i++) Write(writer, sequence.Children[i], $"{pointer}/{i}");
                writer.WriteEndArray();
                break;
            case YamlScalarNode scalar:
                WriteScalar(writer, scalar);
                break;
            default:
                problems.Add((node, "unsupported YAML node in the schema"));
                writer.WriteNullValue();
                break;
        }
    }

    private void WriteScalar(Utf8JsonWriter writer, YamlScalarNode scalar)
    {
        if (YamlScalars.IsNull(scalar)) writer.WriteNullValue();
        else if (YamlScalars.TryBool(scalar, out var flag)) writer.WriteBooleanValue(flag);
        else if (YamlScalars.TryInteger(scalar, out var integer)) writer.WriteNumberValue(integer);
        else if (YamlScalars.TryNumber(scalar, out var number))
        {
            if (double.IsFinite(number)) writer.WriteNumberValue(number);
            else
            {
                problems.Add((scalar, $"JSON has no {scalar.Value}; quote it for a string"));
                writer.WriteNullValue();
            }
        }
        else writer.WriteStringValue(scalar.Value ?? "");
    }
}
