using Batch.Core.Summaries;
using Batch.Testing.Builders;

namespace Batch.Core.Tests.Summaries;

/// <summary>The chunker with one token per char, so budgets read as lengths.</summary>
public sealed class DocumentChunkerTests
{
    private readonly DocumentChunker _chunker = new(new FakeTokenizer());

    [Fact]
    public void Split_TextThatFits_IsOneChunk()
    {
        var chunks = _chunker.Split("One short sentence.", 100, 10);

        Assert.Equal([new DocumentChunk(0, 19, "One short sentence.", 19)], chunks);
    }

    [Fact]
    public void Split_EmptyText_IsOneEmptyChunk() =>
        Assert.Equal([new DocumentChunk(0, 0, "", 0)], _chunker.Split("", 50, 0));

    [Fact]
    public void Split_PrefersParagraphEnds_OverLaterSentenceEnds()
    {
        // 60 chars, a paragraph break, then sentences: a 100-char budget could reach into the second paragraph.
        var first = "Alpha beta gamma delta. Epsilon zeta eta theta iota kappa!\n\n";
        var second = "Lambda mu nu. Xi omicron pi. Rho sigma tau. Upsilon phi chi. Psi omega.";

        var chunks = _chunker.Split(first + second, 100, 0);

        Assert.Equal(first, chunks[0].Text);
        Assert.Equal(second, chunks[1].Text);
    }

    [Fact]
    public void Split_WithoutParagraphs_CutsAfterASentence()
    {
        var text = string.Concat(Enumerable.Range(0, 12).Select(i => $"Sentence number {i} is here. "));

        var chunks = _chunker.Split(text, 90, 0);

        Assert.True(chunks.Count > 1);
        Assert.All(chunks.SkipLast(1), c => Assert.EndsWith(". ", c.Text));
    }

    [Fact]
    public void Split_AWordLongerThanTheBudget_IsCutInside()
    {
        var text = "start " + new string('x', 250) + " end";

        var chunks = _chunker.Split(text, 40, 0);

        Assert.All(chunks, c => Assert.True(c.TokenCount <= 40, $"{c.TokenCount} tokens"));
        Assert.Equal(text, string.Concat(chunks.Select(c => c.Text)));
    }

    [Theory]
    // The first chunk is the first three sentences (59 chars); the overlap starts at a sentence when one is in reach, else at a word.
    [InlineData(40, "Five six seven. Eight nine ten eleven. ")]
    [InlineData(25, "Eight nine ten eleven. ")]
    [InlineData(20, "nine ten eleven. ")]
    [InlineData(0, "")]
    public void Split_Overlap_RepeatsTheTailOfThePreviousChunk(int overlap, string repeated)
    {
        var text = "One two three four. Five six seven. Eight nine ten eleven. Twelve thirteen. Fourteen fifteen sixteen.";

        var chunks = _chunker.Split(text, 60, overlap);

        Assert.Equal("One two three four. Five six seven. Eight nine ten eleven. ", chunks[0].Text);
        Assert.Equal(repeated, text[chunks[1].Start..chunks[0].End]);
    }

    [Fact]
    public void Split_NoOverlap_ChunksJoinToTheText()
    {
        var text = string.Join("\n\n", Enumerable.Range(0, 20).Select(i => $"Paragraph {i} has a sentence. And another one, longer than the first."));

        var chunks = _chunker.Split(text, 128, 0);

        Assert.Equal(text, string.Concat(chunks.Select(c => c.Text)));
        Assert.All(chunks, c => Assert.True(c.TokenCount <= 128));
    }
}
