using Batch.Core.Decoding;
using Batch.Core.Scheduling;

namespace Batch.Core.Tests.Scheduling;

public sealed class BlockPoolTests
{
    private static readonly SequenceId A = new(1);
    private static readonly SequenceId B = new(2);

    public BlockPoolTests() => ThrowingTraceListener.Install();

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 1)]
    [InlineData(4, 1)]
    [InlineData(5, 2)]
    [InlineData(16, 4)]
    public void BlocksFor_RoundsUpToWholeBlocks(int tokens, int blocks) =>
        Assert.Equal(blocks, new BlockPool(8, 4).BlocksFor(tokens));

    [Fact]
    public void TryReserve_TakesWholeBlocksFromTheFreeList()
    {
        var pool = new BlockPool(8, 4);

        Assert.True(pool.TryReserve(A, 5));

        Assert.Equal((2, 2, 6), (pool.BlocksOf(A), pool.UsedBlockCount, pool.FreeBlockCount));
    }

    [Fact]
    public void TryReserve_WhenTooFewBlocksAreFree_ReservesNothing()
    {
        var pool = new BlockPool(4, 4);
        pool.TryReserve(A, 12);

        Assert.False(pool.TryReserve(B, 8));

        Assert.Equal((0, 1), (pool.BlocksOf(B), pool.FreeBlockCount));
    }

    [Fact]
    public void TryReserve_GrowingATable_AddsOnlyTheMissingBlocks()
    {
        var pool = new BlockPool(4, 4);
        pool.TryReserve(A, 4);

        Assert.True(pool.TryReserve(A, 13));
        Assert.False(pool.TryReserve(A, 17));

        Assert.Equal((4, 0), (pool.BlocksOf(A), pool.FreeBlockCount));
    }

    [Fact]
    public void TryReserve_FewerTokensThanHeld_KeepsTheBlocks()
    {
        var pool = new BlockPool(4, 4);
        pool.TryReserve(A, 9);

        Assert.True(pool.TryReserve(A, 2));

        Assert.Equal(3, pool.BlocksOf(A));
    }

    [Fact]
    public void Free_ReturnsEveryBlockOfTheSequence()
    {
        var pool = new BlockPool(4, 4);
        pool.TryReserve(A, 9);
        pool.TryReserve(B, 4);

        pool.Free(A);

        Assert.Equal((0, 1, 3), (pool.BlocksOf(A), pool.BlocksOf(B), pool.FreeBlockCount));
        Assert.True(pool.TryReserve(B, 16));
    }

    [Fact]
    public void Free_OfASequenceWithoutBlocks_DoesNothing()
    {
        var pool = new BlockPool(4, 4);

        pool.Free(A);

        Assert.Equal(4, pool.FreeBlockCount);
    }

    [Fact]
    public void PeakUsedBlockCount_KeepsTheHighWaterMark()
    {
        var pool = new BlockPool(8, 1);
        pool.TryReserve(A, 5);
        pool.TryReserve(B, 2);
        pool.Free(A);
        pool.TryReserve(A, 1);

        Assert.Equal((3, 7), (pool.UsedBlockCount, pool.PeakUsedBlockCount));
    }

    [Fact]
    public void CanEverHold_IsTrueUpToTheWholePool()
    {
        var pool = new BlockPool(3, 4);

        Assert.True(pool.CanEverHold(12));
        Assert.False(pool.CanEverHold(13));
    }

    [Theory]
    [InlineData(0, 4)]
    [InlineData(4, 0)]
    public void Constructor_RejectsEmptyPoolsAndBlocks(int blockCount, int blockSize) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new BlockPool(blockCount, blockSize));
}
