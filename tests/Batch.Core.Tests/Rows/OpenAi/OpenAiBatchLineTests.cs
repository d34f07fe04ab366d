using Batch.Core.Jobs;
using Batch.Core.Rows;
using Batch.Core.Rows.OpenAi;
using Batch.Core.Text;
using Batch.Testing.Builders;

namespace Batch.Core.Tests.Rows.OpenAi;

public sealed class OpenAiBatchLineTests
{
    private static readonly JobSpec Job = JobSpecs.Create() with { Input = new InputOptions { Format = InputOptions.OpenAiBatchFormat } };

    [Fact]
    public void Prepare_ChatCompletionLine_TakesMessagesAndSamplingFromTheBody()
    {
        var row = Prepare("""
            {"custom_id": "r1", "method": "POST", "url": "/v1/chat/completions", "body": {"model": "gpt-x",
             "messages": [{"role": "user", "content": "hi"}], "max_tokens": 5, "temperature": 0.5, "top_p": 0.9,
             "seed": 11, "stop": "END", "response_format": {"type": "json_object"}, "logprobs": true, "top_logprobs": 2,
             "frequency_penalty": 0.1, "user": "ignored"}}
            """).Row!;

        Assert.Equal(("r1", 5), (row.Id.Value, row.MaxTokens));
        Assert.Equal([new ChatMessage("user", "hi")], row.Messages);
        var o = row.Overrides!;
        Assert.Equal((0.5f, 0.9f, 11u, 2), (o.Temperature, o.TopP, o.Seed, o.TopLogprobs));
        Assert.Equal(["END"], o.Stop);
        Assert.Equal("""{"type": "json_object"}""", o.ResponseFormat);
        Assert.Equal(["/v1/chat/completions", "gpt-x"], row.Carry.Select(c => c.Value!.Value.GetString()));
    }

    [Fact]
    public void Prepare_CompletionLine_TakesThePromptAsText_AndMaxCompletionTokensWins()
    {
        var row = Prepare("""
            {"custom_id": "r2", "method": "POST", "url": "/v1/completions", "body": {"prompt": ["Once"], "max_tokens": 9, "max_completion_tokens": 3, "logprobs": 2}}
            """).Row!;

        Assert.Null(row.Messages);
        Assert.Equal(("Once", 3, 2), (row.Prompt, row.MaxTokens, row.Overrides!.TopLogprobs));
        Assert.Null(row.Carry[1].Value);
    }

    [Fact]
    public void Prepare_JobSystemPrompt_BecomesTheChatsSystemMessage()
    {
        var job = Job with { Prompt = new PromptOptions { System = "Be brief." } };

        var row = new RowPreparer(job).Prepare(Records.Json(Line("/v1/chat/completions", """{"messages": [{"role": "user", "content": "q"}]}"""))).Row!;

        Assert.Equal(["system", "user"], row.Messages!.Select(m => m.Role));
    }

    [Theory]
    [InlineData("""{"method": "POST"}""", "missing field 'custom_id'")]
    [InlineData("""{"custom_id": 7}""", "field 'custom_id' must be a non-empty string, not a number")]
    [InlineData("""{"custom_id": "x", "method": "GET", "url": "/v1/completions", "body": {}}""", "field 'method' must be \"POST\", got \"GET\"")]
    [InlineData("""{"custom_id": "x", "method": "POST", "url": "/v1/embeddings", "body": {}}""", "field 'url' must be /v1/chat/completions or /v1/completions, got \"/v1/embeddings\"")]
    [InlineData("""{"custom_id": "x", "method": "POST", "url": "/v1/completions", "body": "p"}""", "field 'body' must be an object, got \"p\"")]
    public void Prepare_BadLine_IsAnErrorRowNamingTheField(string line, string error) =>
        Assert.Equal($"in.jsonl:3: {error}", Prepare(line, lineNumber: 3).Failure!.Error);

    [Theory]
    [InlineData("/v1/chat/completions", """{"prompt": "p"}""", "missing field 'body.messages'")]
    [InlineData("/v1/chat/completions", """{"messages": "p"}""", "field 'body.messages' must be an array of {role, content} objects, not a string")]
    [InlineData("/v1/completions", """{"messages": []}""", "missing field 'body.prompt'")]
    [InlineData("/v1/completions", """{"prompt": ["a", "b"]}""", "field 'body.prompt' must be a string (or an array of one string), got [\"a\", \"b\"]")]
    [InlineData("/v1/completions", """{"prompt": "p", "max_tokens": 0}""", "field 'body.max_tokens' must be an integer of at least 1, got 0")]
    [InlineData("/v1/completions", """{"prompt": "p", "temperature": 3}""", "field 'body.temperature' must be a number from 0 to 2, got 3")]
    [InlineData("/v1/completions", """{"prompt": "p", "top_p": 0}""", "field 'body.top_p' must be greater than 0")]
    [InlineData("/v1/completions", """{"prompt": "p", "seed": "s"}""", "field 'body.seed' must be an integer, got \"s\"")]
    [InlineData("/v1/completions", """{"prompt": "p", "stop": [""]}""", "field 'body.stop' must be a non-empty string or an array of at most 16 of them")]
    [InlineData("/v1/completions", """{"prompt": "p", "n": 2}""", "field 'body.n' must be 1 (one choice per request), got 2")]
    [InlineData("/v1/completions", """{"prompt": "p", "stream": true}""", "field 'body.stream' must be false in a batch")]
    [InlineData("/v1/completions", """{"prompt": "p", "logprobs": 9}""", "field 'body.logprobs' must be an integer from 0 to 5, got 9")]
    [InlineData("/v1/chat/completions", """{"messages": [{"role": "user", "content": "q"}], "top_logprobs": 2}""", "field 'body.top_logprobs' needs \"logprobs\": true")]
    [InlineData("/v1/chat/completions", """{"messages": [{"role": "user", "content": "q"}], "response_format": {"type": "xml"}}""", "field 'body.response_format' must be {\"type\": \"text\" | \"json_object\" | \"json_schema\"}, got {\"type\": \"xml\"}")]
    [InlineData("/v1/chat/completions", """{"messages": [{"role": "user", "content": "q"}], "response_format": {"type": "json_schema", "json_schema": {"name": "n"}}}""", "field 'body.response_format.json_schema.schema' must be an object")]
    public void Prepare_BadBodyField_IsAnErrorRowNamingTheField_AndKeepsTheCustomId(string url, string body, string error)
    {
        var failure = Prepare(Line(url, body), lineNumber: 2).Failure!;

        Assert.Equal($"in.jsonl:2: {error}", failure.Error);
        Assert.Equal("r", failure.Id!.Value.GetString());
    }

    [Fact]
    public void Prepare_JsonSchemaResponseFormat_IsCarriedAsItsJson()
    {
        const string format = """{"type": "json_schema", "json_schema": {"name": "n", "schema": {"type": "object"}}}""";

        var row = Prepare(Line("/v1/chat/completions", $$"""{"messages": [{"role": "user", "content": "q"}], "response_format": {{format}}}""")).Row!;

        Assert.Equal(format, row.Overrides!.ResponseFormat);
    }

    [Fact]
    public void Prepare_DuplicateCustomId_IsAnErrorRow()
    {
        var preparer = new RowPreparer(Job);
        Assert.NotNull(preparer.Prepare(Records.Json(Line("/v1/completions", """{"prompt": "p"}"""), line: 1)).Row);

        var failure = preparer.Prepare(Records.Json(Line("/v1/completions", """{"prompt": "q"}"""), line: 2)).Failure!;

        Assert.Equal("in.jsonl:2: duplicate id 'r' (first at in.jsonl:1)", failure.Error);
    }

    private static RowPreparation Prepare(string json, long lineNumber = 1) =>
        new RowPreparer(Job).Prepare(Records.Json(json, lineNumber));

    private static string Line(string url, string body) =>
        $$"""{"custom_id": "r", "method": "POST", "url": "{{url}}", "body": {{body}}}""";
}
