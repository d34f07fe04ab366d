using Batch.Llama.Synthetic;

namespace Batch.Llama.Tests.Synthetic;

public sealed class SyntheticModelCacheTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("synthetic-cache-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData("/b", "/x", "/home/u", "/b")]
    [InlineData(null, "/x", "/home/u", "/x/batch")]
    [InlineData("", " ", "/home/u", "/home/u/.cache/batch")]
    public void DefaultFolder_PrefersBatchCacheDirThenXdgThenHome(string? batch, string? xdg, string home, string expected) =>
        Assert.Equal(expected, SyntheticModelCache.DefaultFolder(batch, xdg, home));

    [Fact]
    public void TryResolve_CreatesTheModelOnceAndReusesIt()
    {
        var cache = NewCache();

        Assert.True(cache.TryResolve("synthetic:tiny", out var path, out var error), error);
        var written = File.GetLastWriteTimeUtc(path);
        Assert.True(cache.TryResolve("synthetic:tiny:f16:seed=42", out var again, out _));

        Assert.Equal(path, again);
        Assert.Equal(written, File.GetLastWriteTimeUtc(again));
        Assert.Single(Directory.GetFiles(_folder));
    }

    [Fact]
    public void GetOrCreate_RacingCaches_LeaveOneCompleteFileAndNoTemporaries()
    {
        var spec = new SyntheticModelSpec(SyntheticPreset.Tiny, SyntheticQuantization.F16, 3);

        var paths = Enumerable.Range(0, 3).AsParallel().Select(_ => NewCache().GetOrCreate(spec)).ToArray();

        Assert.Single(paths.Distinct());
        Assert.Equal([paths[0]], Directory.GetFiles(_folder));
        Assert.True(Batch.Llama.Gguf.GgufReader.TryRead(paths[0], out _, out var error), error);
    }

    [Fact]
    public void TryResolve_BadReference_ReturnsErrorAndWritesNothing()
    {
        Assert.False(NewCache().TryResolve("synthetic:huge", out _, out var error));
        Assert.Contains("huge", error);
        Assert.Empty(Directory.GetFiles(_folder));
    }

    [Theory]
    [InlineData("synthetic:tiny", "tiny", SyntheticQuantization.F16, 42UL)]
    [InlineData("synthetic:bench", "bench", SyntheticQuantization.Q8_0, 42UL)]
    [InlineData("SYNTHETIC:Small:Q4_K_M:seed=7", "small", SyntheticQuantization.Q4_K_M, 7UL)]
    [InlineData("synthetic:tiny:seed=0:q8_0", "tiny", SyntheticQuantization.Q8_0, 0UL)]
    public void SpecTryParse_AcceptsPresetQuantizationAndSeed(string reference, string preset, SyntheticQuantization quantization, ulong seed)
    {
        Assert.True(SyntheticModelSpec.TryParse(reference, out var spec, out var error), error);
        Assert.Equal(preset, spec.Preset.Name);
        Assert.Equal(quantization, spec.Quantization);
        Assert.Equal(seed, spec.Seed);
    }

    [Theory]
    [InlineData("tiny")]
    [InlineData("synthetic:")]
    [InlineData("synthetic:tiny:q9")]
    [InlineData("synthetic:tiny:seed=-1")]
    public void SpecTryParse_RejectsMalformedReferences(string reference) =>
        Assert.False(SyntheticModelSpec.TryParse(reference, out _, out _));

    private SyntheticModelCache NewCache() => new(_folder, new SyntheticModelWriter(quantizeThreadCount: 1));
}
