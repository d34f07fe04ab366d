using Batch.Core.Decoding;
using Batch.Core.Scheduling;
using CsCheck;

namespace Batch.Core.Tests.Scheduling;

/// <summary>
/// Random reserve/free sequences against a model of per-sequence block counts. The pool's own
/// debug check (every block free or owned by exactly one table) runs after each operation and
/// throws through <see cref="ThrowingTraceListener"/>.
/// </summary>
public sealed class BlockPoolPropertyTests
{
    private static readonly Gen<(int Sequence, bool IsFree, int Tokens)> GenOperation =
        Gen.Select(Gen.Int[0, 5], Gen.Int[0, 4].Select(n => n == 0), Gen.Int[0, 40]);

    public BlockPoolPropertyTests() => ThrowingTraceListener.Install();

    [Fact]
    public void ReserveAndFree_InAnyOrder_KeepFreePlusOwnedEqualToCapacity() =>
        Gen.Select(Gen.Int[1, 24], Gen.Int[1, 8], GenOperation.Array[1, 60]).Sample((blockCount, blockSize, operations) =>
        {
            var pool = new BlockPool(blockCount, blockSize);
            var model = new Dictionary<int, int>();
            var peak = 0;
            foreach (var (s, isFree, tokens) in operations)
            {
                var id = new SequenceId(s);
                if (isFree)
                {
                    pool.Free(id);
                    model.Remove(s);
                }
                else
                {
                    var held = model.GetValueOrDefault(s);
                    var wanted = (tokens + blockSize - 1) / blockSize;
                    var fits = wanted - held <= blockCount - model.Values.Sum();
                    Assert.Equal(fits, pool.TryReserve(id, tokens));
                    if (fits && wanted > held) model[s] = wanted;
                }
                pool.AssertInvariants();
                var owned = Enumerable.Range(0, 6).Sum(i => pool.BlocksOf(new SequenceId(i)));
                Assert.Equal(pool.BlockCount, pool.FreeBlockCount + owned);
                Assert.Equal(owned, pool.UsedBlockCount);
                Assert.All(Enumerable.Range(0, 6), i => Assert.Equal(model.GetValueOrDefault(i), pool.BlocksOf(new SequenceId(i))));
                peak = Math.Max(peak, owned);
                Assert.Equal(peak, pool.PeakUsedBlockCount);
            }
            foreach (var s in model.Keys) pool.Free(new SequenceId(s));
            Assert.Equal(pool.BlockCount, pool.FreeBlockCount);
        }, iter: 500);
}
