using Batch.Llama.Gguf;
using Batch.Llama.Synthetic;
using Batch.Testing;

namespace Batch.Llama.Tests.Gguf;

public sealed class ModelInspectorTests
{
    private const string SharedLlama2Model = "/work/shared/models/llama-2-tiny-random.gguf";

    [Fact]
    public void TryInspect_TinyModel_ReportsItsShape()
    {
        Assert.True(ModelInspector.TryInspect(TinyModel.Path, out var info, out var error), error);

        var preset = SyntheticPreset.Tiny;
        Assert.Equal("llama", info.Architecture);
        Assert.Equal("batch-synthetic-tiny", info.Name);
        Assert.Equal(preset.ParameterCount, info.ParameterCount);
        Assert.Equal("F16", info.Quantization);
        Assert.Equal(preset.ContextLength, info.ContextLength);
        Assert.Equal(preset.BlockCount, info.LayerCount);
        Assert.Equal(preset.EmbeddingLength, info.EmbeddingLength);
        Assert.Equal(preset.HeadCount, info.HeadCount);
        Assert.Equal(preset.KvHeadCount, info.KvHeadCount);
        Assert.Equal(preset.VocabularySize, info.VocabularySize);
        Assert.Equal((long)preset.BlockCount * 2 * preset.KvEmbeddingLength * 2, info.KvCachePerTokenBytes);
        Assert.Equal(info.KvCachePerTokenBytes / 2, info.KeyCachePerTokenBytes);
        Assert.Equal("chatml", info.ChatTemplateFamily);
        Assert.Equal(new FileInfo(TinyModel.Path).Length, info.FileSizeBytes);
    }

    [Fact]
    public void TryInspect_QuantizedTinyModel_ReportsQ8_0()
    {
        Assert.True(ModelInspector.TryInspect(TinyModel.Q8_0Path, out var info, out var error), error);

        Assert.Equal("Q8_0", info.Quantization);
        Assert.Equal(SyntheticPreset.Tiny.ParameterCount, info.ParameterCount);
    }

    [Fact]
    public void Format_PrintsOneLabelledLinePerField()
    {
        Assert.True(ModelInspector.TryInspect(TinyModel.Path, out var info, out _));

        var text = info.Format();

        Assert.Contains("architecture", text);
        Assert.Contains("llama", text);
        Assert.Contains("KV cache per token", text);
        Assert.Contains("512 B at F16", text);
        Assert.Contains("chat template", text);
        Assert.Contains("chatml", text);
        Assert.Equal(12, text.TrimEnd('\n').Split('\n').Length);
    }

    [Fact]
    public void TryInspect_MissingFile_ReturnsErrorNamingIt()
    {
        Assert.False(ModelInspector.TryInspect("/nonexistent/m.gguf", out _, out var error));
        Assert.Contains("/nonexistent/m.gguf", error);
    }

    [Fact]
    public void TryInspect_GgufWithoutArchitecture_ReturnsError()
    {
        var path = Path.Combine(Path.GetTempPath(), $"no-arch-{Guid.NewGuid():N}.gguf");
        try
        {
            using (var stream = File.Create(path))
            {
                new GgufWriter().WriteTo(stream);
            }

            Assert.False(ModelInspector.TryInspect(path, out _, out var error));
            Assert.Contains("general.architecture", error);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void TryInspect_SharedLlama2Model_WhenPresent_ReportsLlamaWithSpmVocabulary()
    {
        if (!File.Exists(SharedLlama2Model))
        {
            return;
        }

        Assert.True(ModelInspector.TryInspect(SharedLlama2Model, out var info, out var error), error);

        Assert.Equal("llama", info.Architecture);
        Assert.Equal(32000, info.VocabularySize);
        Assert.True(info.ParameterCount > 0);
        Assert.True(info.KvCachePerTokenBytes > 0);
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("", null)]
    [InlineData(SyntheticTokenizerMetadata.ChatMlTemplate, "chatml")]
    [InlineData("{{ '<|start_header_id|>' + role + '<|end_header_id|>' }}", "llama3")]
    [InlineData("{{ '[INST] ' + content + ' [/INST]' }}", "llama2")]
    [InlineData("[INST] <<SYS>>", "llama2-sys")]
    [InlineData("<start_of_turn>user", "gemma")]
    [InlineData("{{ something custom }}", "unknown")]
    public void ChatTemplateFamily_Detect_NamesTheFamily(string? template, string? expected) =>
        Assert.Equal(expected, ChatTemplateFamily.Detect(template));
}
