using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Batch.Cli.Jobs;

/// <summary>Reads typed values from YAML scalars the way YAML 1.2's core schema does: only plain scalars are numbers, booleans or null.</summary>
internal static class YamlScalars
{
    public static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any, Value: null or "" or "~" or "null" or "Null" or "NULL" };

    public static bool IsPlain(YamlScalarNode node) => node.Style is ScalarStyle.Plain or ScalarStyle.Any;

    public static bool TryInteger(YamlScalarNode node, out long value) =>
        long.TryParse(PlainText(node), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);

    /// <summary>True for plain digit strings too long for a <see cref="long"/>: out of range rather than not an integer.</summary>
    public static bool LooksLikeHugeInteger(YamlScalarNode node) =>
        PlainText(node) is { Length: > 0 } text && text.TrimStart('-', '+').All(char.IsAsciiDigit);

    public static bool TryNumber(YamlScalarNode node, out double value)
    {
        var text = PlainText(node);
        switch (text)
        {
            case ".inf" or ".Inf" or ".INF" or "+.inf" or "+.Inf" or "+.INF":
                value = double.PositiveInfinity;
                return true;
            case "-.inf" or "-.Inf" or "-.INF":
                value = double.NegativeInfinity;
                return true;
            case ".nan" or ".NaN" or ".NAN":
                value = double.NaN;
                return true;
        }
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }

    public static bool TryBool(YamlScalarNode node, out bool value)
    {
        switch (PlainText(node))
        {
            case "true" or "True" or "TRUE":
                value = true;
                return true;
            case "false" or "False" or "FALSE":
                value = false;
                return true;
            default:
                value = false;
                return false;
        }
    }

    /// <summary>How a node appears in "expected X, got Y" messages.</summary>
    public static string Describe(YamlNode node) => node switch
    {
        YamlMappingNode => "a mapping",
        YamlSequenceNode => "a list",
        YamlScalarNode scalar when IsNull(scalar) => "nothing (null)",
        YamlScalarNode scalar when !IsPlain(scalar) => $"the quoted string \"{Shorten(scalar.Value ?? "")}\"",
        YamlScalarNode scalar => $"'{Shorten(scalar.Value ?? "")}'",
        _ => "an unsupported node",
    };

    public static string Shorten(string text) => text.Length <= 40 ? text : text[..37] + "...";

    // A quoted "42" is a string in YAML; treating it as a number would hide a real mistake in the file.
    private static string? PlainText(YamlScalarNode node) => IsPlain(node) ? node.Value?.Trim() : null;
}
