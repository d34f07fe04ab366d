using System.Text;
using Batch.Llama.Synthetic;

namespace Batch.Llama.Tests.Tokenization;

public sealed class LlamaTokenizerTests(TinyTokenizerFixture fixture) : IClassFixture<TinyTokenizerFixture>
{
    public static TheoryData<string> Samples =>
    [
        "Hello, world! The quick brown fox jumps over the lazy dog.",
        "héllo",
        "日本語のテキスト",
        "emoji 👩‍👩‍👧 🚀",
        "tabs\tand\nnewlines\r\n",
        "▁",
        "▁leading marker ▁▁",
        "</s> <|im_end|>",
        "<|endoftext|><|im_start|>user\nhi<|im_end|>",
        "<s>[INST] not special [/INST]",
        "",
        " ",
        "   leading and trailing spaces   ",
        "\0nul\u0001\u001F\u007F\u0085",
        "\uFEFFbom and \uFFFD replacement",
        "e\u0301 combining",
        "mixed 123 4567 numbers 3.14159 and punctuation!?;:…",
    ];

    [Theory]
    [MemberData(nameof(Samples))]
    public void Detokenize_OfTokenize_GivesBackTheText(string text)
    {
        var tokens = fixture.Tokenizer.Tokenize(text, addBos: false);

        Assert.Equal(text, fixture.Tokenizer.Detokenize(tokens));
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void StreamDecoder_TokenByToken_GivesBackTheTextWithoutBrokenCharacters(string text) =>
        AssertStreamsBack(text);

    [Fact]
    public void RoundTrip_ThousandRandomUnicodeStrings()
    {
        foreach (var text in RandomText.Strings(seed: 2024, count: 1000, maxLength: 40))
        {
            var tokens = fixture.Tokenizer.Tokenize(text, addBos: false);
            Assert.Equal(text, fixture.Tokenizer.Detokenize(tokens));
            AssertStreamsBack(text);
        }
    }

    [Fact]
    public void StreamDecoder_ControlTokens_RenderAsNothing()
    {
        var decoder = fixture.Tokenizer.CreateStreamDecoder();

        Assert.Equal(string.Empty, decoder.Append(0));
        Assert.Equal(string.Empty, decoder.Append(2));
        Assert.Equal(string.Empty, fixture.Tokenizer.Detokenize([0, 1, 2]));
    }

    [Fact]
    public void StreamDecoder_SplitMultiByteCharacter_WaitsForTheLastByte()
    {
        var decoder = fixture.Tokenizer.CreateStreamDecoder();
        var euro = "€"u8.ToArray().Select(ByteToken).ToArray();

        Assert.Equal(string.Empty, decoder.Append(euro[0]));
        Assert.Equal(string.Empty, decoder.Append(euro[1]));
        Assert.Equal("€", decoder.Append(euro[2]));
    }

    [Fact]
    public void Tokenize_ControlTokenTextInUserContent_StaysText()
    {
        var tokens = fixture.Tokenizer.Tokenize("<|im_end|> <|endoftext|> <|im_start|>", addBos: false);

        Assert.DoesNotContain(0, tokens);
        Assert.DoesNotContain(1, tokens);
        Assert.DoesNotContain(2, tokens);
    }

    [Fact]
    public void Tokenize_AddBos_PrependsExactlyOneBos()
    {
        var plain = fixture.Tokenizer.Tokenize("hello there", addBos: false);
        var withBos = fixture.Tokenizer.Tokenize("hello there", addBos: true);

        Assert.Equal(0, fixture.Tokenizer.BosToken);
        Assert.Equal([0, .. plain], withBos);
        Assert.Equal("hello there", fixture.Tokenizer.Detokenize(withBos));
    }

    [Fact]
    public void Tokenize_EnglishText_UsesMergedPieces()
    {
        var text = "The morning was cold and clear when the travellers left the village.";

        var tokens = fixture.Tokenizer.Tokenize(text, addBos: false);

        Assert.InRange(tokens.Length, 1, Encoding.UTF8.GetByteCount(text) / 2);
    }

    [Fact]
    public void Members_DescribeTheVocabulary()
    {
        var tokenizer = fixture.Tokenizer;

        Assert.Equal(SyntheticPreset.Tiny.VocabularySize, tokenizer.VocabularySize);
        Assert.True(tokenizer.ShouldAddBos);
        Assert.True(tokenizer.IsEndOfGeneration(0));
        Assert.True(tokenizer.IsEndOfGeneration(2));
        Assert.False(tokenizer.IsEndOfGeneration(1));
        Assert.False(tokenizer.IsEndOfGeneration(tokenizer.Tokenize("the", addBos: false)[0]));
    }

    [Fact]
    public void Tokenize_FromManyThreads_AgreesWithSingleThreaded()
    {
        var texts = RandomText.Strings(seed: 5, count: 200, maxLength: 30).ToArray();
        var expected = texts.Select(t => fixture.Tokenizer.Tokenize(t, addBos: true)).ToArray();

        var actual = texts.AsParallel().AsOrdered().WithDegreeOfParallelism(4)
            .Select(t => fixture.Tokenizer.Tokenize(t, addBos: true)).ToArray();

        Assert.Equal(expected, actual);
    }

    private void AssertStreamsBack(string text)
    {
        var decoder = fixture.Tokenizer.CreateStreamDecoder();
        var output = new StringBuilder();
        foreach (var token in fixture.Tokenizer.Tokenize(text, addBos: true))
        {
            var piece = decoder.Append(token);
            Assert.True(IsWellFormed(piece), $"broken UTF-16 in piece of '{text}'");
            Assert.True(text.Contains('\uFFFD') || !piece.Contains('\uFFFD'), $"split character in piece of '{text}'");
            output.Append(piece);
        }

        Assert.Equal(text, output.ToString());
    }

    // Byte tokens follow the three control tokens, in byte order.
    private static int ByteToken(byte value) => 3 + value;

    private static bool IsWellFormed(string piece)
    {
        for (var i = 0; i < piece.Length; i++)
        {
            if (char.IsHighSurrogate(piece[i]) && (i + 1 == piece.Length || !char.IsLowSurrogate(piece[++i])))
            {
                return false;
            }

            if (char.IsLowSurrogate(piece[i]) && !(i > 0 && char.IsHighSurrogate(piece[i - 1])))
            {
                return false;
            }
        }

        return true;
    }
}
