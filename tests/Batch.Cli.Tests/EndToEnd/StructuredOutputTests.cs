using System.Text.Json;
using Json.Schema;

namespace Batch.Cli.Tests.EndToEnd;

/// <summary>`batch run` with a response_format: the real CLI and decoder on the tiny model (random weights).</summary>
public sealed class StructuredOutputTests : IDisposable
{
    private const string Schema = """
        {"type": "object", "properties": {
            "product": {"type": "string", "minLength": 1, "maxLength": 16},
            "rating": {"type": "integer", "minimum": 1, "maximum": 5},
            "sentiment": {"enum": ["positive", "neutral", "negative"]},
            "tags": {"type": "array", "items": {"type": "string", "minLength": 1, "maxLength": 8}, "maxItems": 3}},
         "required": ["product", "rating", "sentiment"]}
        """;

    private readonly JobWorkspace _work = new();

    public void Dispose() => _work.Dispose();

    [Fact]
    public async Task EveryOutput_ValidatesAgainstTheSchema_AndOnlyRowsOutOfTokensFail()
    {
        _work.WriteInput(Enumerable.Range(0, 12).Select(i => $$"""{"id": "p{{i}}", "text": "Review {{i}}: solid, would buy again.", "tag": {{i}}}"""));
        _work.WriteJob(generation: "max_tokens: 120\n  temperature: 0.8", extra: $"response_format: {{schema: {Schema.ReplaceLineEndings(" ")}}}");

        var result = await _work.RunCliAsync("run", _work.JobPath);

        Assert.True(result.ExitCode is ExitCodes.Ok or ExitCodes.FinishedWithFailedRows, result.ToString());
        var rows = _work.ReadOutput();
        Assert.Equal(12, rows.Count);
        var schema = JsonSchema.FromText(Schema);
        var ok = 0;
        foreach (var row in rows)
        {
            if (row.GetProperty("finish_reason").GetString() == "error")
            {
                Assert.Contains("hit max_tokens (120 tokens) before the JSON was complete", row.GetProperty("error").GetString(), StringComparison.Ordinal);
                continue;
            }
            Assert.Equal("stop", row.GetProperty("finish_reason").GetString());
            var output = row.GetProperty("output").GetString()!;
            using var json = JsonDocument.Parse(output);
            Assert.True(schema.Evaluate(json.RootElement).IsValid, output);
            ok++;
        }
        Assert.True(ok >= 9, $"only {ok} of 12 rows finished their JSON within max_tokens");
    }

    [Fact]
    public async Task RowsThatRunOutOfTokens_AreErrorRowsWithTheReason()
    {
        _work.WriteInput(["""{"id": "a", "text": "one"}""", """{"id": "b", "text": "two"}"""]);
        _work.WriteJob(generation: "max_tokens: 4", extra: $"response_format: {{schema: {Schema.ReplaceLineEndings(" ")}}}");

        var result = await _work.RunCliAsync("run", _work.JobPath);

        Assert.True(result.ExitCode == ExitCodes.FinishedWithFailedRows, result.ToString());
        Assert.All(_work.ReadOutput(), row =>
        {
            Assert.Equal("error", row.GetProperty("finish_reason").GetString());
            Assert.Contains("hit max_tokens (4 tokens) before the JSON was complete", row.GetProperty("error").GetString(), StringComparison.Ordinal);
            Assert.Equal(4, row.GetProperty("completion_tokens").GetInt32());
        });
    }

    [Fact]
    public async Task UnsupportedSchema_IsAJobError_BeforeAnyModelLoads()
    {
        _work.WriteInput(["""{"id": "a", "text": "one"}"""]);
        _work.WriteJob(model: "missing.gguf", extra: "response_format:\n  schema:\n    type: object\n    properties:\n      email: {type: string, format: email}");

        var result = await _work.RunCliAsync("run", _work.JobPath);

        Assert.True(result.ExitCode == ExitCodes.InvalidJob, result.ToString());
        Assert.Contains("job.yaml:23:37:", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("response_format.schema: #/properties/email/format: unsupported keyword 'format'", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("llama:", result.Stderr, StringComparison.Ordinal);
    }
}
