using Batch.Core.Rows;

namespace Batch.Core.Tests.Rows;

public sealed class RowSeedTests
{
    [Fact]
    public void Derive_SameJobSeedAndId_GivesTheSameSeed() =>
        Assert.Equal(RowSeed.Derive(42, new DocumentId("row-1")), RowSeed.Derive(42, new DocumentId("row-1")));

    [Fact]
    public void Derive_DifferentIds_GiveDifferentSeeds()
    {
        var seeds = Enumerable.Range(0, 2000).Select(i => RowSeed.Derive(42, new DocumentId($"row-{i}"))).ToList();

        Assert.Equal(seeds.Count, seeds.Distinct().Count());
    }

    [Fact]
    public void Derive_DifferentJobSeeds_GiveDifferentSeedsForOneId() =>
        Assert.NotEqual(RowSeed.Derive(1, new DocumentId("a")), RowSeed.Derive(2, new DocumentId("a")));

    [Fact]
    public void Derive_IsStableAcrossRunsAndMachines() =>
        // Pinned (FNV-1a + SplitMix64, computed independently) so that a change to the derivation,
        // which would change every job's sampled output, is deliberate.
        Assert.Equal(3541138880u, RowSeed.Derive(42, new DocumentId("a")));
}
