using Batch.Core.Decoding;
using Batch.Core.Planning;
using CsCheck;

namespace Batch.Core.Tests.Planning;

public sealed class MemoryPlannerTests
{
    private const long Mib = 1024 * 1024;

    // The bench preset's shape: 137 MiB of weights, 36 KiB of f16 KV per token, a 4,096-token context.
    private static readonly ModelShape Bench = new(137 * Mib, 4096, 768, 2048, 12, 32_000, 36_864, 18_432);

    [Theory]
    [InlineData("f16", 36_864)]
    [InlineData("q8_0", 19_584)]
    [InlineData("q4_0", 10_368)]
    [InlineData("q4_0/f16", 5_184 + 18_432)]
    [InlineData("f16/q8_0", 18_432 + 9_792)]
    [InlineData("q8_0/q8_0", 19_584)]
    public void KvBytesPerToken_PricesKeysAndValuesByTheirOwnTypes(string cacheType, long expected) =>
        Assert.Equal(expected, MemoryPlanner.KvBytesPerToken(36_864, 18_432, Kv(cacheType)));

    [Fact]
    public void KvBytesPerToken_PricesKeysByTheirOwnWidth_WhenKeyHeadsAreWiderThanValueHeads()
    {
        // Key heads of 192 and value heads of 128 (DeepSeek-style): keys are 60% of the f16 bytes.
        Assert.Equal(1_920 * 18 / 64 + 1_280, MemoryPlanner.KvBytesPerToken(3_200, 1_920, Kv("q4_0/f16")));
        Assert.Equal(1_920 + 1_280 * 34 / 64, MemoryPlanner.KvBytesPerToken(3_200, 1_920, Kv("f16/q8_0")));
    }

    [Fact]
    public void SplitSlots_AreTheLongestRowRoundedTo256Cells_TimesTheSlots()
    {
        var plan = MemoryPlanner.Plan(Bench, slotTokens: 581, maxSequences: 16, extraSlots: 0, maxBatchTokens: 512, KvCacheType.F16, budgetBytes: null);

        Assert.Equal(768, plan.SlotTokens);
        Assert.Equal(16, plan.Sequences);
        Assert.Equal(16 * 768, plan.PoolTokens);
        Assert.Equal(432 * Mib, plan.KvBytes);
        Assert.Equal(16L * 4096 * 36_864, plan.StaticFullContextKvBytes);
        Assert.True(plan.Fits);
    }

    [Fact]
    public void Workload64_WithQ4_0KeysAndF16Values_NeedsUnderHalfOf16SlotsOf1024Tokens()
    {
        var plan = MemoryPlanner.Plan(Bench, 581, 16, 0, 512, Kv("q4_0/f16"), null);

        Assert.Equal(16L * 768 * (5_184 + 18_432), plan.KvBytes);
        Assert.True(plan.KvBytes <= 16L * 1024 * 36_864 / 2);
    }

    [Fact]
    public void TemplateSlot_IsCountedInTheKv()
    {
        var plan = MemoryPlanner.Plan(Bench, 300, 4, extraSlots: 1, 512, KvCacheType.F16, null);

        Assert.Equal(4, plan.Sequences);
        Assert.Equal(5 * 512, plan.PoolTokens);
    }

    [Fact]
    public void Budget_LowersTheConcurrencyToWhatFits()
    {
        var full = MemoryPlanner.Plan(Bench, 581, 16, 0, 512, KvCacheType.F16, null);
        var budget = full.WeightsBytes + full.ComputeBytes + 6 * 768L * 36_864 + Mib;

        var plan = MemoryPlanner.Plan(Bench, 581, 16, 0, 512, KvCacheType.F16, budget);

        Assert.Equal(6, plan.Sequences);
        Assert.True(plan.Fits);
        Assert.Equal(0, plan.ShortByBytes);
    }

    [Fact]
    public void Budget_BelowOneSequence_DoesNotFit_AndSaysByHowMuch()
    {
        var plan = MemoryPlanner.Plan(Bench, 581, 16, 0, 512, KvCacheType.F16, 100 * Mib);

        Assert.Equal(0, plan.Sequences);
        Assert.False(plan.Fits);
        Assert.Equal(plan.TotalBytes - 100 * Mib, plan.ShortByBytes);
        Assert.Equal(768L * 36_864, plan.KvBytes);   // what one sequence would need
    }

    [Fact]
    public void UnifiedPool_HoldsTheMeanBatchPlusOneLongestRow_NotEverySlotAtItsLongest()
    {
        var plan = MemoryPlanner.Plan(Bench, 581, 16, 0, 512, KvCacheType.F16, null, unified: true, meanRowTokens: 340);

        Assert.Equal((16 * 340 + 581 + 255) / 256 * 256, plan.PoolTokens);
        Assert.True(plan.PoolTokens < 16 * 768);
    }

    [Fact]
    public void Property_APlanThatFits_StaysWithinItsBudget_AndNeverExceedsTheAskedConcurrency()
    {
        var gen =
            from slotTokens in Gen.Int[1, 8192]
            from maxSequences in Gen.Int[1, 64]
            from extraSlots in Gen.Int[0, 1]
            from type in Gen.Int[0, 4].Select(i => new[] { "f16", "q8_0", "q4_0", "q4_0/f16", "q8_0/f16" }[i])
            from budgetMib in Gen.Int[50, 8192]
            select (slotTokens, maxSequences, extraSlots, type, budget: budgetMib * Mib);
        gen.Sample(c =>
        {
            var plan = MemoryPlanner.Plan(Bench, c.slotTokens, c.maxSequences, c.extraSlots, 512, Kv(c.type), c.budget);
            Assert.InRange(plan.Sequences, 0, c.maxSequences);
            Assert.Equal(0, plan.SlotTokens % 256);
            Assert.True(plan.SlotTokens >= c.slotTokens);
            if (plan.Sequences >= 1) Assert.True(plan.Fits && plan.TotalBytes <= c.budget, $"{plan}");
            else Assert.False(plan.Fits);
        }, iter: 2000);
    }

    private static KvCacheTypes Kv(string name) =>
        KvCacheTypes.TryParse(name, out var types) ? types : throw new ArgumentException($"not a KV cache type: {name}", nameof(name));
}
