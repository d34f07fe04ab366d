using Batch.Core.Decoding;
using Batch.Core.Rows;
using Batch.Core.Scheduling;
using Batch.Testing.Builders;

namespace Batch.Core.Tests.Scheduling;

/// <summary>The split layout's prefix cache: rows reuse what a slot still holds from the row before.</summary>
public sealed class SchedulerCacheTests
{
    // The answer depends on every prompt token, so a row that started after the wrong cells would differ.
    private static readonly Func<ScriptStep, ScriptedToken> ByPrompt = s =>
        s.Step >= 5 ? new ScriptedToken(FakeTokenizer.Eos, true) : new ScriptedToken('a' + (s.Prompt.Sum() + s.Step) % 26);

    [Fact]
    public void SecondRow_StartsAfterTheBlocksItShares_WithTheFirst()
    {
        var h = new SchedulerHarness(maxSequences: 1, blockSize: 4, cacheSlots: true, script: ByPrompt);
        h.Enqueue(Request("a", [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]));
        var b = h.Enqueue(Request("b", [1, 2, 3, 4, 5, 6, 7, 8, 50, 51, 52]));

        h.RunToCompletion();

        var start = h.Plans.SelectMany(p => p.Items).First(i => i.Sequence == b.Id);
        Assert.Equal(8, start.StartPosition);   // two whole blocks of 4 were already in the slot
        Assert.Contains(h.Plans, p => p.Trimmed.Contains(new SlotTrim(new SlotId(0), 8)));
        Assert.Empty(h.Plans.SelectMany(p => p.Released));
        Assert.Equal((8L, 1L, 1L), (h.Scheduler.Cache!.HitTokens, h.Scheduler.Cache.Hits, h.Scheduler.Cache.Misses));
    }

    [Fact]
    public void RowWhosePromptIsAllCached_StillFeedsItsLastToken()
    {
        var h = new SchedulerHarness(maxSequences: 1, blockSize: 4, cacheSlots: true, script: ByPrompt);
        h.Enqueue(Request("a", [1, 2, 3, 4, 5, 6, 7, 8, 9]));
        var b = h.Enqueue(Request("b", [1, 2, 3, 4, 5, 6, 7, 8]));

        var done = h.RunToCompletion();

        var first = h.Plans.SelectMany(p => p.Items).First(i => i.Sequence == b.Id);
        Assert.Equal(4, first.StartPosition);   // block-aligned and short of the last prompt token
        Assert.Equal(2, done.Count);
    }

    [Fact]
    public void ManyRowsWithSharedPrefixes_GiveTheSameOutputsAsWithoutTheCache()
    {
        var random = new Random(11);
        var heads = new[] { Tokens(random, 12), Tokens(random, 7), Tokens(random, 20) };
        var requests = Enumerable.Range(0, 40)
            .Select(i => Request($"r{i}", [.. heads[i % 3], .. Tokens(random, random.Next(1, 9))]))
            .ToList();
        var cached = new SchedulerHarness(maxSequences: 3, maxBatchTokens: 24, blockSize: 4, cacheSlots: true, script: ByPrompt);
        var plain = new SchedulerHarness(maxSequences: 3, maxBatchTokens: 24, blockSize: 4, script: ByPrompt);
        foreach (var r in requests)
        {
            cached.Enqueue(r);
            plain.Enqueue(r);
        }

        cached.RunToCompletion();
        plain.RunToCompletion();

        Assert.Equal(plain.Completions.ToDictionary(c => c.Id.Value, c => c.Text), cached.Completions.ToDictionary(c => c.Id.Value, c => c.Text));
        Assert.True(cached.Scheduler.Cache!.HitTokens > 200, $"hit tokens {cached.Scheduler.Cache.HitTokens}");
        Assert.True(cached.Plans.Sum(p => p.TokenCount) < plain.Plans.Sum(p => p.TokenCount));
    }

    [Fact]
    public void Miss_TakesAnEmptySlotFirst_ThenEvictsTheLeastRecentlyUsed()
    {
        var h = new SchedulerHarness(maxSequences: 2, blockSize: 4, cacheSlots: true, script: ByPrompt);
        h.Enqueue(Request("a", [1, 2, 3, 4, 5]));
        h.RunToCompletion();
        h.Enqueue(Request("b", [9, 9, 9, 9, 9]));   // a miss: the empty slot 1, slot 0 keeps a's cells
        h.RunToCompletion();
        h.Enqueue(Request("c", [7, 7, 7, 7, 7]));   // a miss with both slots cached: evicts slot 0 (a's, older)
        h.RunToCompletion();

        var slots = h.Plans.SelectMany(p => p.Started).Select(s => s.Slot.Value).ToList();
        Assert.Equal([0, 1, 0], slots);
        Assert.Equal([new SlotId(0)], h.Plans.SelectMany(p => p.Released));
        Assert.Equal(1, h.Scheduler.Cache!.Evictions);
    }

    private static GenerationRequest Request(string id, int[] prompt) =>
        new(new DocumentId(id), prompt, 8, SamplingOptions.Greedy, []);

    private static int[] Tokens(Random random, int count) => Enumerable.Range(0, count).Select(_ => random.Next(100, 200)).ToArray();
}
