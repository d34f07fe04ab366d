using Batch.Core.Jobs;
using Batch.Core.Rows;
using Batch.Core.Text;
using Batch.Testing.Builders;

namespace Batch.Core.Tests.Rows;

public sealed class ChatRequestBuilderTests
{
    private static readonly IReadOnlyList<ChatMessage> Chat = [new("user", "hi")];

    [Fact]
    public void TryBuild_ChatRow_IsEncodedByTheChatTemplate()
    {
        var builder = new RequestBuilder(new FakeTokenizer(), new GenerationOptions(), 64, new BracketTemplate());

        Assert.True(builder.TryBuild(Row(Chat), out var request, out var error), error);

        Assert.Equal(FakeTokenizer.TokensOf("[user:hi]"), request!.PromptTokens);
    }

    [Fact]
    public void TryBuild_ChatRowWithoutATemplate_IsAnErrorSayingWhy()
    {
        var builder = new RequestBuilder(new FakeTokenizer(), new GenerationOptions(), 64, chat: null, noChatReason: "model.chat_template is none");

        Assert.False(builder.TryBuild(Row(Chat), out _, out var error));

        Assert.Equal("the row is a chat, but model.chat_template is none", error);
    }

    [Fact]
    public void TryBuild_ChatTooLongForTheContext_IsAnErrorWithTheCounts()
    {
        var builder = new RequestBuilder(new FakeTokenizer(), new GenerationOptions(), 5, new BracketTemplate());

        Assert.False(builder.TryBuild(Row(Chat), out _, out var error));

        Assert.Equal("prompt has 9 tokens; the context holds 5 per sequence (prompt + output)", error);
    }

    [Fact]
    public void TryBuild_RowOverrides_ReplaceTheJobsSampling()
    {
        var generation = new GenerationOptions { Temperature = 0, TopP = 0.95f, Seed = 1, Stop = ["job"], TopK = 7, MaxTokens = 9 };
        var builder = new RequestBuilder(new FakeTokenizer(), generation, 64);
        var overrides = new RowOverrides(Temperature: 0.5f, TopP: 0.8f, Seed: 1234, Stop: ["row"], ResponseFormat: """{"type":"json_object"}""", TopLogprobs: 3);

        Assert.True(builder.TryBuild(Row(null, overrides, maxTokens: 4), out var request, out _));

        Assert.Equal((0.5f, 0.8f, 1234u, 7), (request!.Sampling.Temperature, request.Sampling.TopP, request.Sampling.Seed, request.Sampling.TopK));
        Assert.Equal(["row"], request.Stop);
        Assert.Equal(4, request.MaxTokens);
        Assert.Equal("""{"type":"json_object"}""", request.ResponseFormat);
        Assert.Equal(3, request.TopLogprobs);
    }

    [Fact]
    public void TryBuild_WithoutOverrides_KeepsTheJobsSettings()
    {
        var generation = new GenerationOptions { Temperature = 0.25f, Seed = 5, Stop = ["job"] };
        var builder = new RequestBuilder(new FakeTokenizer(), generation, 64);

        Assert.True(builder.TryBuild(Row(null), out var request, out _));

        Assert.Equal((0.25f, RowSeed.Derive(5, new DocumentId("a"))), (request!.Sampling.Temperature, request.Sampling.Seed));
        Assert.Equal(["job"], request.Stop);
        Assert.Null(request.ResponseFormat);
        Assert.Null(request.TopLogprobs);
    }

    private static PreparedRow Row(IReadOnlyList<ChatMessage>? messages, RowOverrides? overrides = null, int? maxTokens = null) =>
        new(new DocumentId("a"), Records.Json("""{"id": "a"}""").Fields!["id"], "p", [], Records.Source, 1, maxTokens, Messages: messages, Overrides: overrides);

    /// <summary>Renders each message as [role:content], one token per char.</summary>
    private sealed class BracketTemplate : IChatTemplate
    {
        public bool TryEncode(IReadOnlyList<ChatMessage> messages, out int[] tokens, out string? error)
        {
            tokens = FakeTokenizer.TokensOf(string.Concat(messages.Select(m => $"[{m.Role}:{m.Content}]")));
            error = null;
            return true;
        }
    }
}
