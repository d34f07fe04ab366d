using Batch.Cli.Bench;
using Batch.Core.Decoding;

namespace Batch.Cli.Tests.Bench;

/// <summary>The pure parts of the benchmark: statistics, mode names, KV sizes.</summary>
public sealed class BenchFiguresTests
{
    [Fact]
    public void Median_OfOddAndEvenCounts() =>
        Assert.Equal([3.0, 2.5, 0.0], [BenchStatistics.Median([5, 1, 3]), BenchStatistics.Median([4, 1, 2, 3]), BenchStatistics.Median([])]);

    [Fact]
    public void Percentile_IsNearestRank()
    {
        var values = Enumerable.Range(1, 20).Select(i => (double)i).Reverse().ToList();
        Assert.Equal(10, BenchStatistics.Percentile(values, 50));
        Assert.Equal(19, BenchStatistics.Percentile(values, 95));
        Assert.Equal(20, BenchStatistics.Percentile(values, 100));
        Assert.Equal(7, BenchStatistics.Percentile([7], 95));
    }

    [Fact]
    public void Modes_ParseInOrder_WithoutDuplicates()
    {
        Assert.True(BenchModes.TryParseList("continuous+prefix, sequential,continuous+prefix", out var modes, out _));
        Assert.Equal([new BenchVariant(BenchMode.ContinuousPrefix), new BenchVariant(BenchMode.Sequential)], modes);
        Assert.True(BenchModes.TryParseList("continuous, continuous:q8_0", out var variants, out _));
        Assert.Equal(["continuous", "continuous:q8_0"], variants.Select(v => v.Name));
        Assert.True(BenchModes.TryParseList("continuous:q4_0/f16", out var pair, out _));
        Assert.Equal([new BenchVariant(BenchMode.Continuous, new KvCacheTypes(KvCacheType.Q4_0, KvCacheType.F16))], pair);
        Assert.Equal("continuous:q4_0/f16", pair[0].Name);
        Assert.True(BenchModes.TryParseList("continuous:q8_0+f16prefill", out var hybrid, out _));
        Assert.Equal([new BenchVariant(BenchMode.Continuous, KvCacheType.Q8_0, F16Prefill: true)], hybrid);
        Assert.Equal("continuous:q8_0+f16prefill", hybrid[0].Name);
        Assert.True(BenchModes.TryParseList("continuous:q8_0/f16+f16prefill", out var keysOnly, out _));
        Assert.Equal([new BenchVariant(BenchMode.Continuous, new KvCacheTypes(KvCacheType.Q8_0, KvCacheType.F16), F16Prefill: true)], keysOnly);
        Assert.Equal("continuous:q8_0/f16+f16prefill", keysOnly[0].Name);
        foreach (var unconvertible in new[] { "continuous:q4_0+f16prefill", "continuous:q4_0/f16+f16prefill", "continuous:f16+f16prefill" })
        {
            Assert.False(BenchModes.TryParseList(unconvertible, out _, out var prefillError));
            Assert.Contains(unconvertible.Split(':')[1], prefillError);
        }
        Assert.False(BenchModes.TryParseList("continuous:q9", out _, out var kvError));
        Assert.Contains("q9", kvError);
        Assert.True(BenchModes.TryParseList("continuous@2, continuous:q4_0/f16@2, continuous+prefix@1", out var onWorkers, out _));
        Assert.Equal([new BenchVariant(BenchMode.Continuous, Workers: 2), new BenchVariant(BenchMode.Continuous, new KvCacheTypes(KvCacheType.Q4_0, KvCacheType.F16), Workers: 2),
            new BenchVariant(BenchMode.ContinuousPrefix)], onWorkers);
        Assert.Equal(["continuous@2", "continuous:q4_0/f16@2", "continuous+prefix"], onWorkers.Select(v => v.Name));
        foreach (var bad in new[] { "continuous@0", "continuous@two", "continuous@", "static@2", "sequential@2" })
        {
            Assert.False(BenchModes.TryParseList(bad, out _, out var workersError), bad);
            Assert.Contains("@", workersError);
        }
        Assert.False(BenchModes.TryParseList("sequential,turbo", out _, out var error));
        Assert.Contains("turbo", error);
    }

    [Fact]
    public void Modes_SizeTheirDecoders()
    {
        Assert.Equal([1, 16, 16, 17], BenchModes.All.Select(m => BenchModes.SlotCount(m, 16)));
        Assert.Equal([64, 16, 64, 64], BenchModes.All.Select(m => BenchModes.QueueChunk(m, 16, 64)));
    }

    [Fact]
    public void KvBytes_QuantizedTypesUseGgmlBlockSizes()
    {
        const long f16 = 36 * 1024;   // the bench model: 12 layers × (768 + 768) × 2 bytes
        Assert.Equal(f16, KvCacheBytes.PerToken(f16, f16 / 2, KvCacheType.F16));
        Assert.Equal(19_584, KvCacheBytes.PerToken(f16, f16 / 2, KvCacheType.Q8_0));
        Assert.Equal(10_368, KvCacheBytes.PerToken(f16, f16 / 2, KvCacheType.Q4_0));
        Assert.Equal(5_184 + 18_432, KvCacheBytes.PerToken(f16, f16 / 2, new KvCacheTypes(KvCacheType.Q4_0, KvCacheType.F16)));
    }

    [Fact]
    public void Ratios_AreTakenAgainstSequential()
    {
        var modes = new[] { Summary("continuous", 300), Summary("sequential", 100), Summary("static", 150) };

        var withRatios = BenchReport.WithRatios(modes);

        Assert.Equal([3.0, 1.0, 1.5], withRatios.Select(m => m.RatioToSequential!.Value));
        Assert.All(BenchReport.WithRatios([Summary("static", 150)]), m => Assert.Null(m.RatioToSequential));
    }

    private static ModeSummary Summary(string mode, double totalPerSecond) => new(
        mode, 1, [1], 1, 1, 1, 1, 1, 1, 2, 0, 0, totalPerSecond, null, 1, 256, 0, 0, 0, 0, 0, 1, 1, 2, 0, 0, 1, 0);
}
