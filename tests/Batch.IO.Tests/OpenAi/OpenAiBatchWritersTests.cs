using System.Text.Json;
using Batch.Core.Scheduling;
using Batch.IO.OpenAi;
using Batch.IO.Tests.Support;

namespace Batch.IO.Tests.OpenAi;

public sealed class OpenAiBatchWritersTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);
    private readonly TempFolder _folder = new();
    private readonly OpenAiBatchOutputFormat _format = new(new FixedTime(Now), "default-model");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Output_ChatCompletion_IsAnOpenAiResponseLine()
    {
        var line = await WriteOneAsync(OpenAiBatchWriters.OpenOutput, OutputRows.Completion(id: "\"req-1\"", output: "hi", finishReason: FinishReason.Length,
            promptTokens: 5, completionTokens: 2, ("url", "\"/v1/chat/completions\""), ("model", "\"gpt-x\"")));

        Assert.Equal("req-1", line.GetProperty("custom_id").GetString());
        Assert.StartsWith("batch_req_", line.GetProperty("id").GetString());
        Assert.Equal(JsonValueKind.Null, line.GetProperty("error").ValueKind);
        var response = line.GetProperty("response");
        Assert.Equal(200, response.GetProperty("status_code").GetInt32());
        Assert.StartsWith("req_", response.GetProperty("request_id").GetString());
        var body = response.GetProperty("body");
        Assert.StartsWith("chatcmpl-", body.GetProperty("id").GetString());
        Assert.Equal(("chat.completion", Now.ToUnixTimeSeconds(), "gpt-x"),
            (body.GetProperty("object").GetString(), body.GetProperty("created").GetInt64(), body.GetProperty("model").GetString()));
        var choice = Assert.Single(body.GetProperty("choices").EnumerateArray());
        Assert.Equal(("assistant", "hi", "length"), (choice.GetProperty("message").GetProperty("role").GetString(),
            choice.GetProperty("message").GetProperty("content").GetString(), choice.GetProperty("finish_reason").GetString()));
        var usage = body.GetProperty("usage");
        Assert.Equal((5, 2, 7), (usage.GetProperty("prompt_tokens").GetInt32(), usage.GetProperty("completion_tokens").GetInt32(),
            usage.GetProperty("total_tokens").GetInt32()));
    }

    [Fact]
    public async Task Output_Completion_IsATextCompletion_WithTheDefaultModel()
    {
        var line = await WriteOneAsync(OpenAiBatchWriters.OpenOutput, OutputRows.Completion(output: "text", carry: ("url", "\"/v1/completions\"")));

        var body = line.GetProperty("response").GetProperty("body");
        Assert.Equal(("text_completion", "default-model"), (body.GetProperty("object").GetString(), body.GetProperty("model").GetString()));
        Assert.StartsWith("cmpl-", body.GetProperty("id").GetString());
        Assert.Equal("text", body.GetProperty("choices")[0].GetProperty("text").GetString());
    }

    [Fact]
    public async Task Output_SkipsErrorRows_WhichGoToTheErrorFileOnly()
    {
        var path = _folder.PathOf("out.jsonl");
        await using (var writer = OpenAiBatchWriters.OpenOutput(path, null, _format))
        {
            await writer.WriteAsync(OutputRows.Failure(), CancellationToken.None);
            await writer.CommitAsync(CancellationToken.None);
        }

        Assert.Empty(await File.ReadAllLinesAsync(path));
    }

    [Fact]
    public async Task Errors_AreStatus400Responses_NamingTheFieldAsParam()
    {
        var line = await WriteOneAsync(OpenAiBatchWriters.OpenErrors,
            OutputRows.Failure(id: "\"req-2\"", error: "in.jsonl:4: field 'body.temperature' must be a number from 0 to 2, got 3"));

        Assert.Equal("req-2", line.GetProperty("custom_id").GetString());
        var response = line.GetProperty("response");
        Assert.Equal(400, response.GetProperty("status_code").GetInt32());
        var error = response.GetProperty("body").GetProperty("error");
        Assert.Equal(("in.jsonl:4: field 'body.temperature' must be a number from 0 to 2, got 3", "invalid_request_error", "body.temperature"),
            (error.GetProperty("message").GetString(), error.GetProperty("type").GetString(), error.GetProperty("param").GetString()));
    }

    [Fact]
    public async Task Errors_WithoutACustomId_HaveANullOne_AndStableIds()
    {
        var first = await WriteOneAsync(OpenAiBatchWriters.OpenErrors, OutputRows.Failure(id: null, error: "in.jsonl:1: the line is not valid JSON"));
        var again = await WriteOneAsync(OpenAiBatchWriters.OpenErrors, OutputRows.Failure(id: null, error: "in.jsonl:1: the line is not valid JSON"));

        Assert.Equal(JsonValueKind.Null, first.GetProperty("custom_id").ValueKind);
        Assert.Equal(first.GetProperty("id").GetString(), again.GetProperty("id").GetString());
    }

    private async Task<JsonElement> WriteOneAsync(
        Func<string, long?, OpenAiBatchOutputFormat, Batch.Core.Rows.IRowWriter> open, Batch.Core.Rows.OutputRow row)
    {
        var path = _folder.PathOf(Guid.NewGuid().ToString("N") + ".jsonl");
        await using (var writer = open(path, null, _format))
        {
            await writer.WriteAsync(row, CancellationToken.None);
            await writer.CommitAsync(CancellationToken.None);
        }
        return JsonDocument.Parse(Assert.Single(await File.ReadAllLinesAsync(path))).RootElement.Clone();
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
