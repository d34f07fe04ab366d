using Batch.Core.Decoding;

namespace Batch.Core.Scheduling;

/// <summary>
/// Which running rows to move so that the running slots form one run of consecutive slots. In the
/// split layout llama.cpp decodes a run of consecutive sequence ids as one ubatch and cuts the batch
/// at every gap, and each extra ubatch streams every weight again (engine.md §3); the gaps open in a
/// run's tail, when rows finish and none wait to take their slots. Pure.
/// </summary>
public static class SlotCompaction
{
    /// <summary>The fewest moves that close the gaps: rows outside the best window move into its free slots.</summary>
    public static IReadOnlyList<SlotMove> Plan(IEnumerable<int> runningSlots, int slotCount)
    {
        var running = new SortedSet<int>(runningSlots);
        var n = running.Count;
        if (n == 0 || running.Max - running.Min + 1 == n) return [];
        // The window of n slots that already holds the most running rows needs the fewest moves.
        var (bestStart, bestCount) = (0, -1);
        for (var start = 0; start + n <= slotCount; start++)
        {
            var count = running.GetViewBetween(start, start + n - 1).Count;
            if (count > bestCount) (bestStart, bestCount) = (start, count);
        }
        var outside = running.Where(s => s < bestStart || s >= bestStart + n).OrderDescending();
        var gaps = Enumerable.Range(bestStart, n).Where(s => !running.Contains(s));
        return outside.Zip(gaps, (from, to) => new SlotMove(new SlotId(from), new SlotId(to))).ToList();
    }
}
