using Batch.Core.Jobs;
using Batch.Core.Rows;
using Batch.Testing.Builders;

namespace Batch.Core.Tests.Rows;

public sealed class RequestBuilderTests
{
    private static PreparedRow Row(string id, string prompt) =>
        new RowPreparer(JobSpecs.Create()).Prepare(Records.Json($$"""{"id": "{{id}}", "text": "{{prompt}}"}""")).Row!;

    [Fact]
    public void TryBuild_TokenizesWithBosAndCopiesTheGenerationOptions()
    {
        var generation = new GenerationOptions { MaxTokens = 7, Temperature = 0.5f, TopK = 3, Stop = ["END"], IgnoreEos = true, Seed = 9 };
        var builder = new RequestBuilder(new FakeTokenizer(), generation, maxSequenceTokens: 64);

        Assert.True(builder.TryBuild(Row("a", "hi"), out var request, out var error), error);

        Assert.Equal([FakeTokenizer.Bos, 'h', 'i'], request!.PromptTokens);
        Assert.Equal((7, true, "a"), (request.MaxTokens, request.IgnoreEos, request.Id.Value));
        Assert.Equal(["END"], request.Stop);
        Assert.Equal((0.5f, 3), (request.Sampling.Temperature, request.Sampling.TopK));
        Assert.Equal(RowSeed.Derive(9, new DocumentId("a")), request.Sampling.Seed);
    }

    [Fact]
    public void TryBuild_PromptThatFillsTheContext_IsAnErrorWithTheCounts()
    {
        var builder = new RequestBuilder(new FakeTokenizer(), new GenerationOptions(), maxSequenceTokens: 4);

        Assert.False(builder.TryBuild(Row("a", "abc"), out var request, out var error));

        Assert.Null(request);
        Assert.Equal("prompt has 4 tokens; the context holds 4 per sequence (prompt + output)", error);
        Assert.True(builder.TryBuild(Row("b", "ab"), out _, out _));
    }
}
