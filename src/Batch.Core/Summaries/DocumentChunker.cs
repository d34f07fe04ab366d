using Batch.Core.Text;

namespace Batch.Core.Summaries;

/// <summary>
/// Splits a document into chunks of at most a token budget. Each chunk ends at the best break in the
/// upper half of its budget (paragraph, then sentence, then word, then inside a word), so chunks stay
/// large and end naturally; the next chunk starts up to <c>overlap</c> tokens earlier, at a sentence
/// start when one is in reach. Token counts of units are estimates (a tokenizer may merge across a
/// boundary), so every chunk is tokenized whole and shrunk until it really fits. Chunks cover the whole
/// document in order, and each one reaches past the one before.
/// </summary>
public sealed class DocumentChunker(ITokenizer tokenizer)
{
    /// <summary>Chunks of <paramref name="text"/> of at most <paramref name="maxTokens"/> tokens each (one empty chunk for an empty text).</summary>
    public IReadOnlyList<DocumentChunk> Split(string text, int maxTokens, int overlapTokens)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxTokens, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(overlapTokens);
        var units = TextUnits.Split(text, tokenizer, maxTokens);
        if (units.Count == 0) return [new DocumentChunk(0, 0, "", 0)];
        var sums = new long[units.Count + 1];
        for (var i = 0; i < units.Count; i++) sums[i + 1] = sums[i] + units[i].TokenCount;

        var chunks = new List<DocumentChunk>();
        int start = 0, covered = 0;
        while (covered < units.Count)
        {
            if (!TryChunk(text, units, sums, start, covered, maxTokens, out var chunk, out var end))
            {
                // The overlap left no room for anything new: start this chunk where the last one ended.
                start = covered;
                continue;
            }
            chunks.Add(chunk);
            covered = end;
            start = OverlapStart(units, sums, start, end, overlapTokens, maxTokens);
        }
        return chunks;
    }

    private bool TryChunk(string text, IReadOnlyList<TextUnit> units, long[] sums, int start, int covered, int maxTokens, out DocumentChunk chunk, out int end)
    {
        var last = covered;
        while (last < units.Count && sums[last + 1] - sums[start] <= maxTokens) last++;
        if (start == covered) last = Math.Max(last, covered + 1);
        while (last > covered)
        {
            end = BestEnd(units, sums, start, covered, last, maxTokens);
            var from = units[start].Start;
            var slice = text[from..units[end - 1].End];
            var tokens = tokenizer.Tokenize(slice, addBos: false).Length;
            // A single unit is taken even over budget: it was already cut as small as text allows.
            if (tokens <= maxTokens || end == start + 1)
            {
                chunk = new DocumentChunk(from, units[end - 1].End, slice, tokens);
                return true;
            }
            last = end - 1;
        }
        chunk = null!;
        end = covered;
        return false;
    }

    /// <summary>The end (exclusive unit index) in (covered, last] with the best break, among those filling at least half the budget.</summary>
    private static int BestEnd(IReadOnlyList<TextUnit> units, long[] sums, int start, int covered, int last, int maxTokens)
    {
        var best = last;
        var bestBoundary = Boundary.Character;
        var found = false;
        for (var k = last; k > covered; k--)
        {
            if (2 * (sums[k] - sums[start]) < maxTokens) break;
            var boundary = units[k - 1].After;
            if (!found || boundary > bestBoundary)
            {
                (best, bestBoundary, found) = (k, boundary, true);
            }
        }
        return best;
    }

    /// <summary>Where the chunk after one ending at <paramref name="end"/> starts: the earliest sentence start in the overlap, else the earliest word.</summary>
    private static int OverlapStart(IReadOnlyList<TextUnit> units, long[] sums, int start, int end, int overlapTokens, int maxTokens)
    {
        if (end >= units.Count || overlapTokens == 0) return end;
        // Leave room for the next unit, or the next chunk could not reach past this one.
        var room = Math.Min(overlapTokens, maxTokens - units[end].TokenCount);
        var earliest = end;
        while (earliest - 1 > start && sums[end] - sums[earliest - 1] <= room) earliest--;
        for (var s = earliest; s < end; s++)
        {
            if (units[s - 1].After >= Boundary.Sentence) return s;
        }
        return earliest;
    }
}
