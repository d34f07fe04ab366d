using System.Diagnostics.CodeAnalysis;
using LLama.Native;

namespace Batch.Llama.Gguf;

/// <summary>Describes a GGUF model from its metadata alone (no weights loaded, no native library needed).</summary>
public static class ModelInspector
{
    /// <summary>Inspects <paramref name="path"/>; a missing, unreadable or non-GGUF file is an error naming it.</summary>
    public static bool TryInspect(string path, [NotNullWhen(true)] out ModelInspection? inspection, [NotNullWhen(false)] out string? error)
    {
        inspection = null;
        if (!GgufReader.TryRead(path, out var metadata, out error))
        {
            return false;
        }

        var architecture = metadata.GetString("general.architecture");
        if (architecture is null)
        {
            error = $"'{path}' has no general.architecture key; it is not a model GGUF.";
            return false;
        }

        inspection = Describe(path, new FileInfo(path).Length, metadata, architecture);
        return true;
    }

    private static ModelInspection Describe(string path, long fileSize, GgufMetadata metadata, string architecture)
    {
        int Int(string key) => (int)(metadata.GetInteger($"{architecture}.{key}") ?? ArrayMax(metadata, $"{architecture}.{key}") ?? 0);

        var layers = Int("block_count");
        var embedding = Int("embedding_length");
        var heads = Int("attention.head_count");
        var kvHeads = Int("attention.head_count_kv") is > 0 and var kv ? kv : heads;
        var headDimension = heads > 0 ? embedding / heads : 0;
        var keyLength = Int("attention.key_length") is > 0 and var k ? k : headDimension;
        var valueLength = Int("attention.value_length") is > 0 and var v ? v : headDimension;
        var vocabulary = Int("vocab_size") is > 0 and var size ? size : metadata.GetArrayLength("tokenizer.ggml.tokens") ?? 0;

        return new ModelInspection(
            Path: path,
            FileSizeBytes: fileSize,
            GgufVersion: metadata.Version,
            Architecture: architecture,
            Name: metadata.GetString("general.name"),
            ParameterCount: metadata.Tensors.Sum(t => (long)t.ElementCount),
            Quantization: QuantizationName(metadata),
            ContextLength: Int("context_length"),
            LayerCount: layers,
            EmbeddingLength: embedding,
            HeadCount: heads,
            KvHeadCount: kvHeads,
            VocabularySize: vocabulary,
            KvCachePerTokenBytes: (long)layers * kvHeads * (keyLength + valueLength) * sizeof(ushort),
            KeyCachePerTokenBytes: (long)layers * kvHeads * keyLength * sizeof(ushort),
            ChatTemplateFamily: ChatTemplateFamily.Detect(metadata.GetString("tokenizer.chat_template")),
            TensorCount: metadata.Tensors.Count);
    }

    // Some architectures store per-layer values (e.g. head_count_kv) as arrays; the largest bounds the cache.
    private static long? ArrayMax(GgufMetadata metadata, string key) =>
        metadata.Values.TryGetValue(key, out var value) && value.Value is int[] items && items.Length > 0 ? items.Max()
        : metadata.Values.TryGetValue(key, out value) && value.Value is uint[] unsignedItems && unsignedItems.Length > 0 ? unsignedItems.Max()
        : null;

    private static string QuantizationName(GgufMetadata metadata)
    {
        if (metadata.GetInteger("general.file_type") is { } fileType)
        {
            var ftype = (LLamaFtype)(fileType & ~(long)LLamaFtype.GUESSED);
            return Enum.IsDefined(ftype)
                ? ftype.ToString().Replace("LLAMA_FTYPE_", "", StringComparison.Ordinal).Replace("MOSTLY_", "", StringComparison.Ordinal).Replace("ALL_", "", StringComparison.Ordinal)
                : $"file type {fileType}";
        }

        // Without general.file_type, name the type most matrices use.
        var common = metadata.Tensors
            .Where(t => t.Dimensions.Count >= 2)
            .GroupBy(t => t.Type)
            .OrderByDescending(g => g.Count())
            .ThenBy(g => g.Key)
            .FirstOrDefault();
        return common is null ? "unknown" : $"{common.Key} (guessed from tensor types)";
    }
}
