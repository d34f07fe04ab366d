using System.Globalization;
using System.Text;

namespace Batch.Llama.Gguf;

/// <summary>What <c>batch model inspect</c> reports about a GGUF model, read from its header alone.</summary>
public sealed record ModelInspection(
    string Path,
    long FileSizeBytes,
    uint GgufVersion,
    string Architecture,
    string? Name,
    long ParameterCount,
    string Quantization,
    int ContextLength,
    int LayerCount,
    int EmbeddingLength,
    int HeadCount,
    int KvHeadCount,
    int VocabularySize,
    long KvCachePerTokenBytes,
    long KeyCachePerTokenBytes,
    string? ChatTemplateFamily,
    int TensorCount)
{
    /// <summary>The human-readable block the CLI prints, one "label  value" line per field.</summary>
    public string Format()
    {
        var lines = new (string Label, string Value)[]
        {
            ("file", $"{Path} ({FormatBytes(FileSizeBytes)}, GGUF v{GgufVersion}, {TensorCount} tensors)"),
            ("architecture", Architecture),
            ("name", Name ?? "-"),
            ("parameters", FormatCount(ParameterCount)),
            ("quantization", Quantization),
            ("context length", Invariant(ContextLength)),
            ("layers", Invariant(LayerCount)),
            ("embedding length", Invariant(EmbeddingLength)),
            ("attention heads", $"{Invariant(HeadCount)} (KV heads {Invariant(KvHeadCount)})"),
            ("vocabulary", Invariant(VocabularySize)),
            ("KV cache per token", $"{FormatBytes(KvCachePerTokenBytes)} at F16"),
            ("chat template", ChatTemplateFamily ?? "none"),
        };
        var width = lines.Max(l => l.Label.Length) + 2;
        var text = new StringBuilder();
        foreach (var (label, value) in lines)
        {
            text.Append(label.PadRight(width)).Append(value).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>Bytes as B, KiB, MiB or GiB with one decimal (exact bytes below 1 KiB).</summary>
    public static string FormatBytes(long bytes)
    {
        string[] units = ["KiB", "MiB", "GiB", "TiB"];
        if (bytes < 1024)
        {
            return $"{Invariant(bytes)} B";
        }

        double value = bytes;
        var unit = -1;
        while (value >= 1024 && unit < units.Length - 1)
        {
            value /= 1024;
            unit++;
        }

        return string.Create(CultureInfo.InvariantCulture, $"{value:0.0} {units[unit]}");
    }

    private static string FormatCount(long count) => count switch
    {
        >= 1_000_000_000 => string.Create(CultureInfo.InvariantCulture, $"{count / 1e9:0.00} B ({count:N0})"),
        >= 1_000_000 => string.Create(CultureInfo.InvariantCulture, $"{count / 1e6:0.0} M ({count:N0})"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{count:N0}"),
    };

    private static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);
}
