using Batch.Core.Summaries;
using Batch.Testing.Builders;
using CsCheck;

namespace Batch.Core.Tests.Summaries;

/// <summary>Random texts of words, sentences, paragraphs and over-long words: every chunk fits, and together they cover the text in order.</summary>
public sealed class DocumentChunkerPropertyTests
{
    private static readonly Gen<string> GenPiece = Gen.Frequency(
        (12, Gen.String[Gen.Char['a', 'z'], 1, 9]),
        (3, Gen.Const(". ")),
        (2, Gen.Const("\n\n")),
        (1, Gen.Const("! ")),
        (1, Gen.Const("\n")),
        (1, Gen.String[Gen.Char['a', 'z'], 30, 300]));

    private static readonly Gen<string> GenText = GenPiece.Array[0, 150].Select(pieces => string.Join(" ", pieces));

    [Fact]
    public void Split_AnyText_ChunksFitAndCoverItInOrder() =>
        Gen.Select(GenText, Gen.Int[16, 200], Gen.Int[0, 100]).Sample((text, maxTokens, overlapPercent) =>
        {
            var overlap = maxTokens * overlapPercent / 200;
            var chunks = new DocumentChunker(new FakeTokenizer()).Split(text, maxTokens, overlap);

            Assert.NotEmpty(chunks);
            Assert.Equal(0, chunks[0].Start);
            Assert.Equal(text.Length, chunks[^1].End);
            for (var i = 0; i < chunks.Count; i++)
            {
                var c = chunks[i];
                Assert.Equal(text[c.Start..c.End], c.Text);
                Assert.Equal(c.Text.Length, c.TokenCount);
                Assert.True(c.TokenCount <= maxTokens, $"chunk {i} has {c.TokenCount} tokens, budget {maxTokens}");
                if (i == 0) continue;
                var previous = chunks[i - 1];
                Assert.True(c.Start > previous.Start && c.End > previous.End, $"chunk {i} does not move forward");
                Assert.True(c.Start <= previous.End, $"a gap between chunks {i - 1} and {i}");
                Assert.True(previous.End - c.Start <= overlap, $"chunks {i - 1} and {i} overlap by {previous.End - c.Start} > {overlap}");
            }
        }, iter: 300);
}
