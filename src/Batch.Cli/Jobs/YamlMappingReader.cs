using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Batch.Cli.Jobs;

/// <summary>
/// Reads one YAML mapping (a job section) into typed values. Every problem becomes an error at the offending
/// node and the read falls back to the default, so one pass finds every error in the file.
/// </summary>
internal sealed class YamlMappingReader
{
    private readonly Dictionary<string, YamlNode> values = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Mark> keyMarks = new(StringComparer.Ordinal);
    private readonly string section;
    private readonly JobFileErrorList errors;

    /// <param name="mapping">The section's mapping; null when the section is absent (every key takes its default).</param>
    /// <param name="anchor">Where errors about missing keys point: the section's key, or the document start.</param>
    public YamlMappingReader(YamlMappingNode? mapping, string section, IReadOnlyList<string> keys, Mark anchor, JobFileErrorList errors)
    {
        this.section = section;
        this.errors = errors;
        Anchor = anchor;
        if (mapping is not null)
        {
            IndexKeys(mapping, keys);
        }
    }

    public Mark Anchor { get; }

    public string PathOf(string key) => section.Length == 0 ? key : $"{section}.{key}";

    /// <summary>The value node of a key that is present and not null.</summary>
    public YamlNode? Node(string key) =>
        values.TryGetValue(key, out var node) && !YamlScalars.IsNull(node) ? node : null;

    /// <summary>A nested section; absent or null gives a reader whose every key takes its default.</summary>
    public YamlMappingReader Section(string key, IReadOnlyList<string> keys)
    {
        var node = Node(key);
        var anchor = values.TryGetValue(key, out _) ? KeyMark(key) : Anchor;
        if (node is not null and not YamlMappingNode)
        {
            errors.Add(node, $"{PathOf(key)}: expected a mapping (keys: {string.Join(", ", keys)}), got {YamlScalars.Describe(node)}");
        }
        return new YamlMappingReader(node as YamlMappingNode, PathOf(key), keys, anchor, errors);
    }

    /// <summary>An integer in [<paramref name="min"/>, <paramref name="max"/>]; a max of int.MaxValue reads as "no upper limit" in messages.</summary>
    public long Integer(string key, long fallback, long min, long max) =>
        Integer(key, fallback, v => v >= min && v <= max ? null : Requirement(v, min, max));

    public long Integer(string key, long fallback, Func<long, bool> isValid, string requirement) =>
        Integer(key, fallback, v => isValid(v) ? null : requirement);

    /// <param name="problem">The requirement a value breaks ("at least 1"), or null when it is valid.</param>
    private long Integer(string key, long fallback, Func<long, string?> problem)
    {
        if (Scalar(key, "an integer") is not { } scalar)
        {
            return fallback;
        }
        if (YamlScalars.TryInteger(scalar, out var value))
        {
            if (problem(value) is not { } requirement)
            {
                return value;
            }
            RangeError(scalar, key, requirement);
        }
        else if (YamlScalars.LooksLikeHugeInteger(scalar))
        {
            var extreme = scalar.Value!.TrimStart().StartsWith('-') ? long.MinValue : long.MaxValue;
            RangeError(scalar, key, problem(extreme) ?? "a smaller number");
        }
        else
        {
            TypeError(scalar, key, "an integer");
        }
        return fallback;
    }

    public float Number(string key, float fallback, Func<double, bool> isValid, string requirement)
    {
        if (Scalar(key, "a number") is not { } scalar)
        {
            return fallback;
        }
        if (!YamlScalars.TryNumber(scalar, out var value))
        {
            TypeError(scalar, key, "a number");
            return fallback;
        }
        if (!double.IsFinite(value) || !double.IsFinite((float)value))
        {
            RangeError(scalar, key, $"a finite number {requirement}");
            return fallback;
        }
        return Check(scalar, key, isValid(value), requirement) ? (float)value : fallback;
    }

    public bool Bool(string key, bool fallback)
    {
        if (Scalar(key, "true/false") is not { } scalar)
        {
            return fallback;
        }
        if (YamlScalars.TryBool(scalar, out var value))
        {
            return value;
        }
        TypeError(scalar, key, "true/false");
        return fallback;
    }

    /// <summary>A string value; null when the key is absent or null (the caller applies its default).</summary>
    public string? String(string key) => Scalar(key, "a string")?.Value;

    /// <summary>A list of non-empty strings (a single string counts as a one-item list); null when absent.</summary>
    /// <param name="check">Extra rule per item: returns an error message, or null when the item is fine.</param>
    public IReadOnlyList<string>? StringList(string key, Func<string, string?>? check = null)
    {
        var node = Node(key);
        if (node is null)
        {
            return null;
        }
        IEnumerable<YamlNode> items = node switch
        {
            YamlSequenceNode sequence => sequence.Children,
            YamlScalarNode scalar => [scalar],
            _ => [],
        };
        if (node is YamlMappingNode)
        {
            errors.Add(node, $"{PathOf(key)}: expected a list of strings, got a mapping");
        }
        var result = new List<string>();
        foreach (var item in items)
        {
            if (ReadListItem(key, item, check) is { } text)
            {
                result.Add(text);
            }
        }
        return result.ToArray();
    }

    public void Error(YamlNode node, string message) => errors.Add(node, message);

    public void ErrorAtAnchor(string message) => errors.Add(Anchor, message);

    private void IndexKeys(YamlMappingNode mapping, IReadOnlyList<string> keys)
    {
        foreach (var (keyNode, valueNode) in mapping.Children)
        {
            if (keyNode is not YamlScalarNode { Value: { Length: > 0 } key })
            {
                errors.Add(keyNode, $"{Where()}: keys must be plain names, got {YamlScalars.Describe(keyNode)}");
                continue;
            }
            if (!keys.Contains(key, StringComparer.Ordinal))
            {
                errors.Add(keyNode, UnknownKeyMessage(key, keys));
                continue;
            }
            values[key] = valueNode;
            keyMarks[key] = keyNode.Start;
        }
    }

    private Mark KeyMark(string key) => keyMarks.TryGetValue(key, out var mark) ? mark : Anchor;

    private string UnknownKeyMessage(string key, IReadOnlyList<string> keys)
    {
        var place = section.Length == 0 ? "at the top level" : $"in {section}";
        return KeySuggestion.Closest(key, keys) is { } suggestion
            ? $"unknown key '{key}' {place}; did you mean '{suggestion}'?"
            : $"unknown key '{key}' {place}; expected one of: {string.Join(", ", keys)}";
    }

    private string Where() => section.Length == 0 ? "top level" : section;

    private YamlScalarNode? Scalar(string key, string expected)
    {
        var node = Node(key);
        if (node is null or YamlScalarNode)
        {
            return (YamlScalarNode?)node;
        }
        errors.Add(node, $"{PathOf(key)}: expected {expected}, got {YamlScalars.Describe(node)}");
        return null;
    }

    private string? ReadListItem(string key, YamlNode item, Func<string, string?>? check)
    {
        if (item is not YamlScalarNode scalar || YamlScalars.IsNull(item) || string.IsNullOrEmpty(scalar.Value))
        {
            var got = item is YamlScalarNode { Value: "" } && !YamlScalars.IsNull(item) ? "an empty string" : YamlScalars.Describe(item);
            errors.Add(item, $"{PathOf(key)}: expected a non-empty string, got {got}");
            return null;
        }
        if (check?.Invoke(scalar.Value) is { } problem)
        {
            errors.Add(item, $"{PathOf(key)}: {problem}");
            return null;
        }
        return scalar.Value;
    }

    private static string Requirement(long value, long min, long max) =>
        value < min && max == int.MaxValue ? $"at least {min}" : $"between {min} and {max}";

    private bool Check(YamlScalarNode scalar, string key, bool isValid, string requirement)
    {
        if (!isValid)
        {
            RangeError(scalar, key, requirement);
        }
        return isValid;
    }

    private void TypeError(YamlScalarNode scalar, string key, string expected) =>
        errors.Add(scalar, $"{PathOf(key)}: expected {expected}, got {YamlScalars.Describe(scalar)}");

    private void RangeError(YamlScalarNode scalar, string key, string requirement) =>
        errors.Add(scalar, $"{PathOf(key)} must be {requirement}, got {YamlScalars.Shorten(scalar.Value?.Trim() ?? "")}");
}
