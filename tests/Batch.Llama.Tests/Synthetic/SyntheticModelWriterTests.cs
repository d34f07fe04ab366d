using Batch.Llama.Synthetic;

namespace Batch.Llama.Tests.Synthetic;

public sealed class SyntheticModelWriterTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("synthetic-writer-").FullName;
    private readonly SyntheticModelWriter _writer = new(quantizeThreadCount: 2);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData(SyntheticQuantization.F16)]
    [InlineData(SyntheticQuantization.Q8_0)]
    public void Write_SameSpecTwice_GivesByteIdenticalFiles(SyntheticQuantization quantization)
    {
        var spec = new SyntheticModelSpec(SyntheticPreset.Tiny, quantization, Seed: 7);

        var first = WriteBytes(spec, "a.gguf");
        var second = WriteBytes(spec, "b.gguf");

        Assert.Equal(first, second);
    }

    [Fact]
    public void Write_DifferentSeed_GivesDifferentBytesOfTheSameLength()
    {
        var first = WriteBytes(new SyntheticModelSpec(SyntheticPreset.Tiny, SyntheticQuantization.F16, 1), "a.gguf");
        var second = WriteBytes(new SyntheticModelSpec(SyntheticPreset.Tiny, SyntheticQuantization.F16, 2), "b.gguf");

        Assert.Equal(first.Length, second.Length);
        Assert.NotEqual(first, second);
    }

    [Fact]
    public void Write_Tiny_IsUnderFiveMegabytesAndQ8_0IsSmaller()
    {
        var f16 = WriteBytes(new SyntheticModelSpec(SyntheticPreset.Tiny, SyntheticQuantization.F16, 1), "f16.gguf");
        var q8 = WriteBytes(new SyntheticModelSpec(SyntheticPreset.Tiny, SyntheticQuantization.Q8_0, 1), "q8.gguf");

        Assert.InRange(f16.Length, 1, 5 * 1024 * 1024);
        Assert.InRange(q8.Length, 1, f16.Length - 1);
    }

    [Fact]
    public void Write_Q4_K_M_OnTinyFallsBackWhereRowsAreNotMultiplesOf256AndStillLoads()
    {
        var path = Path.Combine(_folder, "q4.gguf");

        _writer.Write(new SyntheticModelSpec(SyntheticPreset.Tiny, SyntheticQuantization.Q4_K_M, 1), path);

        Assert.True(Batch.Llama.Gguf.ModelInspector.TryInspect(path, out var info, out var error), error);
        Assert.Equal("Q4_K_M", info.Quantization);
    }

    [Fact]
    public void Presets_HaveTheAdvertisedSizes()
    {
        Assert.InRange(SyntheticPreset.Tiny.ParameterCount, 500_000, 2_000_000);
        Assert.InRange(SyntheticPreset.Small.ParameterCount, 25_000_000, 35_000_000);
        Assert.InRange(SyntheticPreset.Bench.ParameterCount, 130_000_000, 138_000_000);
        Assert.All(SyntheticPreset.All, p => Assert.Equal(0, p.EmbeddingLength % p.HeadCount));
        Assert.All(SyntheticPreset.All, p => Assert.Equal(0, p.HeadCount % p.KvHeadCount));
    }

    private byte[] WriteBytes(SyntheticModelSpec spec, string name)
    {
        var path = Path.Combine(_folder, name);
        _writer.Write(spec, path);
        return File.ReadAllBytes(path);
    }
}
