using System.Text.Json;
using Batch.Testing;

namespace Batch.Cli.Tests.EndToEnd;

/// <summary>OpenAI Batch API files end to end: the real CLI, the tiny model, OpenAI's output and error lines.</summary>
public sealed class OpenAiBatchRunTests : IDisposable
{
    private readonly JobWorkspace _work = new();

    public void Dispose() => _work.Dispose();

    private string ErrorsPath => Path.Combine(_work.Folder, "out", "output.errors.jsonl");

    [Fact]
    public async Task JobWithOpenAiBatchFormat_EveryCustomIdOnceAcrossOutputAndErrors()
    {
        string[] good = ["c1", "c2", "c3", "t1", "t2"];
        _work.WriteInput([
            Chat("c1", "Summarize: the river bank flooded.", """, "max_tokens": 5"""),
            Chat("c2", "Name three colours.", """, "max_completion_tokens": 3, "temperature": 0.7, "seed": 7, "stop": ["\n"]"""),
            Chat("c3", "Give JSON.", """, "response_format": {"type": "text"}, "logprobs": true, "top_logprobs": 2"""),
            Text("t1", "Once upon a time", """, "max_tokens": 4"""),
            Text("t2", "The capital of France is", """, "top_p": 0.5, "logprobs": 3"""),
            "{ not json",
            """{"method": "POST", "url": "/v1/completions", "body": {"prompt": "x"}}""",
            """{"custom_id": "bad-url", "method": "POST", "url": "/v1/embeddings", "body": {"input": "x"}}""",
            Text("bad-temp", "x", """, "temperature": 7"""),
            """{"custom_id": "bad-messages", "method": "POST", "url": "/v1/chat/completions", "body": {"messages": [{"role": "user"}]}}""",
        ]);
        File.WriteAllText(_work.JobPath, $"""
            version: 1
            model: {"{"}path: "{TinyModel.Path}", context: 512, threads: 2{"}"}
            input: {"{"}paths: [input.jsonl], format: openai_batch{"}"}
            generation: {"{"}max_tokens: 6{"}"}
            output: {"{"}path: out/output.jsonl{"}"}
            scheduler: {"{"}max_sequences: 4, max_batch_tokens: 128{"}"}
            """);

        var result = await _work.RunCliAsync("run", _work.JobPath);

        Assert.True(result.ExitCode == ExitCodes.FinishedWithFailedRows, result.ToString());
        var outputs = Lines(_work.OutputPath);
        var errors = Lines(ErrorsPath);
        Assert.Equal(good.Order(), outputs.Select(CustomId).Order());
        Assert.Equal(new string?[] { null, null, "bad-messages", "bad-temp", "bad-url" }, errors.Select(CustomId).Order());
        foreach (var line in outputs) AssertResponse(line);
        var usage = outputs.Single(l => CustomId(l) == "c1").GetProperty("response").GetProperty("body").GetProperty("usage");
        Assert.Equal(5, usage.GetProperty("completion_tokens").GetInt32());
        var chatLogprobs = Choice(outputs, "c3").GetProperty("logprobs").GetProperty("content").EnumerateArray().ToList();
        Assert.Equal(Usage(outputs, "c3"), chatLogprobs.Count);
        Assert.All(chatLogprobs, t =>
        {
            Assert.True(t.GetProperty("logprob").GetDouble() <= 0);
            var top = t.GetProperty("top_logprobs").EnumerateArray().Select(a => a.GetProperty("logprob").GetDouble()).ToList();
            Assert.Equal(2, top.Count);
            Assert.True(top[0] >= top[1]);
            // bytes are the token's raw UTF-8, and token is their text.
            var bytes = t.GetProperty("bytes").EnumerateArray().Select(b => (byte)b.GetInt32()).ToArray();
            Assert.Equal(t.GetProperty("token").GetString(), System.Text.Encoding.UTF8.GetString(bytes));
        });
        var textLogprobs = Choice(outputs, "t2").GetProperty("logprobs");
        Assert.Equal(Usage(outputs, "t2"), textLogprobs.GetProperty("token_logprobs").GetArrayLength());
        Assert.Equal(Usage(outputs, "t2"), textLogprobs.GetProperty("tokens").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, Choice(outputs, "c1").GetProperty("logprobs").ValueKind);
        var byId = errors.Where(e => CustomId(e) is not null).ToDictionary(e => CustomId(e)!, e => e.GetProperty("response").GetProperty("body").GetProperty("error"));
        Assert.Equal("body.temperature", byId["bad-temp"].GetProperty("param").GetString());
        Assert.Contains("input.jsonl:9: field 'body.temperature'", byId["bad-temp"].GetProperty("message").GetString());
        Assert.Contains("input.jsonl:10: field 'body.messages[0].content'", byId["bad-messages"].GetProperty("message").GetString());
        Assert.All(errors, e => Assert.Equal(400, e.GetProperty("response").GetProperty("status_code").GetInt32()));
    }

    [Fact]
    public async Task ResponseFormatPerLine_ConstrainsAndValidatesThatLine()
    {
        const string schema = """{"type": "object", "properties": {"name": {"type": "string", "maxLength": 6}, "n": {"type": "integer", "minimum": 0, "maximum": 9}}, "required": ["name", "n"]}""";
        var lines = Enumerable.Range(0, 6)
            .Select(i => Chat($"s{i}", $"Describe item {i} as JSON.", """, "max_tokens": 60, "temperature": 0.8, "response_format": {"type": "json_schema", "json_schema": {"name": "item", "schema": """ + schema + "}}"))
            .Append(Chat("obj", "Any JSON object.", """, "max_tokens": 60, "response_format": {"type": "json_object"}"""))
            .Append(Chat("bad-schema", "x", """, "response_format": {"type": "json_schema", "json_schema": {"name": "p", "schema": {"type": "string", "pattern": "^a+$"}}}"""))
            .ToList();
        _work.WriteInput(lines);
        File.WriteAllText(_work.JobPath, $"""
            version: 1
            model: {"{"}path: "{TinyModel.Path}", context: 512, threads: 2{"}"}
            input: {"{"}paths: [input.jsonl], format: openai_batch{"}"}
            output: {"{"}path: out/output.jsonl{"}"}
            scheduler: {"{"}max_sequences: 4, max_batch_tokens: 128{"}"}
            """);

        var result = await _work.RunCliAsync("run", _work.JobPath);

        Assert.True(result.ExitCode is ExitCodes.Ok or ExitCodes.FinishedWithFailedRows, result.ToString());
        var outputs = Lines(_work.OutputPath);
        var errors = Lines(ErrorsPath);
        Assert.Equal(lines.Count, outputs.Count + errors.Count);
        Assert.Equal(lines.Count, outputs.Select(CustomId).Concat(errors.Select(CustomId)).Distinct().Count());
        var badSchema = errors.Single(e => CustomId(e) == "bad-schema").GetProperty("response").GetProperty("body").GetProperty("error");
        Assert.Contains("#/pattern", badSchema.GetProperty("message").GetString());
        Assert.Equal("body.response_format.json_schema.schema", badSchema.GetProperty("param").GetString());
        foreach (var line in outputs)
        {
            using var content = JsonDocument.Parse(Choice(outputs, CustomId(line)!).GetProperty("message").GetProperty("content").GetString()!);
            Assert.Equal(JsonValueKind.Object, content.RootElement.ValueKind);
            if (CustomId(line) == "obj") continue;
            var name = content.RootElement.GetProperty("name").GetString()!;
            Assert.True(name.EnumerateRunes().Count() <= 6, $"name '{name}' in {CustomId(line)}");
            Assert.InRange(content.RootElement.GetProperty("n").GetInt32(), 0, 9);
        }
        // Rows that ran out of tokens are errors that say so; no other row fails.
        Assert.All(errors.Where(e => CustomId(e) != "bad-schema"), e =>
            Assert.Contains("hit max_tokens", e.GetProperty("response").GetProperty("body").GetProperty("error").GetProperty("message").GetString()));
        Assert.True(outputs.Count(o => CustomId(o)!.StartsWith('s')) >= 4, $"{outputs.Count} outputs");
    }

    [Fact]
    public async Task OpenAiBatchOption_RunsWithoutAJobFile_AndResumesWithoutRepeating()
    {
        _work.WriteInput([Chat("a", "hi", ""), Text("b", "hello", ""), Chat("c", "why?", """, "max_tokens": 3""")], "requests.jsonl");
        string[] args = ["run", "--openai-batch", "requests.jsonl", "--model", TinyModel.Path, "--output", "out/results.jsonl"];

        var first = await _work.RunCliAsync(args);
        var again = await _work.RunCliAsync(args);

        Assert.True(first.ExitCode == ExitCodes.Ok, first.ToString());
        Assert.True(again.ExitCode == ExitCodes.Ok, again.ToString());
        Assert.Contains("3 rows were already done", again.Stderr);
        var outputs = Lines(Path.Combine(_work.Folder, "out", "results.jsonl"));
        Assert.Equal(["a", "b", "c"], outputs.Select(CustomId).Order());
        foreach (var line in outputs) AssertResponse(line);
        Assert.Empty(Lines(Path.Combine(_work.Folder, "out", "results.errors.jsonl")));
    }

    [Fact]
    public async Task OpenAiBatchOption_WithoutModelOrOutput_IsRefused()
    {
        var result = await _work.RunCliAsync("run", "--openai-batch", "requests.jsonl");

        Assert.True(result.ExitCode == ExitCodes.InvalidJob, result.ToString());
        Assert.Contains("--model is required with --openai-batch", result.Stderr);
        Assert.Contains("--output is required with --openai-batch", result.Stderr);
    }

    private static void AssertResponse(JsonElement line)
    {
        Assert.StartsWith("batch_req_", line.GetProperty("id").GetString());
        Assert.Equal(JsonValueKind.Null, line.GetProperty("error").ValueKind);
        var response = line.GetProperty("response");
        Assert.Equal(200, response.GetProperty("status_code").GetInt32());
        Assert.StartsWith("req_", response.GetProperty("request_id").GetString());
        var body = response.GetProperty("body");
        var isChat = body.GetProperty("object").GetString() == "chat.completion";
        Assert.StartsWith(isChat ? "chatcmpl-" : "cmpl-", body.GetProperty("id").GetString());
        Assert.True(body.GetProperty("created").GetInt64() > 1_700_000_000);
        Assert.Equal(JsonValueKind.String, body.GetProperty("model").ValueKind);
        var choice = Assert.Single(body.GetProperty("choices").EnumerateArray());
        Assert.Equal(JsonValueKind.String, (isChat ? choice.GetProperty("message").GetProperty("content") : choice.GetProperty("text")).ValueKind);
        Assert.Contains(choice.GetProperty("finish_reason").GetString(), new[] { "stop", "length" });
        var usage = body.GetProperty("usage");
        Assert.Equal(usage.GetProperty("prompt_tokens").GetInt32() + usage.GetProperty("completion_tokens").GetInt32(),
            usage.GetProperty("total_tokens").GetInt32());
    }

    private static string? CustomId(JsonElement line) => line.GetProperty("custom_id").GetString();

    private static List<JsonElement> Lines(string path) =>
        File.ReadAllLines(path).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();

    private static string Chat(string id, string content, string extra) =>
        $$"""{"custom_id": "{{id}}", "method": "POST", "url": "/v1/chat/completions", "body": {"model": "tiny", "messages": [{"role": "user", "content": {{JsonSerializer.Serialize(content)}}}]""" + extra + "}}";

    private static string Text(string id, string prompt, string extra) =>
        $$"""{"custom_id": "{{id}}", "method": "POST", "url": "/v1/completions", "body": {"prompt": {{JsonSerializer.Serialize(prompt)}}""" + extra + "}}";

    private static JsonElement Choice(IEnumerable<JsonElement> outputs, string id) =>
        outputs.Single(l => CustomId(l) == id).GetProperty("response").GetProperty("body").GetProperty("choices")[0];

    private static int Usage(IEnumerable<JsonElement> outputs, string id) =>
        outputs.Single(l => CustomId(l) == id).GetProperty("response").GetProperty("body").GetProperty("usage").GetProperty("completion_tokens").GetInt32();
}
