using System.Text.Json;
using Batch.Core.Rows;
using Batch.Core.Scheduling;
using Batch.Core.Structured;

namespace Batch.Core.Tests.Structured;

public sealed class StructuredOutputCheckTests
{
    private readonly StructuredOutputCheck check = new(json =>
        json.ValueKind == JsonValueKind.Object && json.TryGetProperty("ok", out _) ? null : "/: needs 'ok'");

    [Fact]
    public void ConformingOutput_HasNoProblem() => Assert.Null(check.Problem(Completed("""{"ok": 1}""", FinishReason.Stop)));

    [Fact]
    public void HittingMaxTokens_IsAProblem_EvenIfTheTextParses() =>
        Assert.Equal("hit max_tokens (7 tokens) before the JSON was complete", check.Problem(Completed("""{"ok": 1}""", FinishReason.Length)));

    [Fact]
    public void MalformedJson_IsAProblem() => Assert.StartsWith("output is not valid JSON", check.Problem(Completed("""{"ok": """, FinishReason.Stop)));

    [Fact]
    public void SchemaViolation_NamesTheValidatorsReason() =>
        Assert.Equal("output does not match the schema: /: needs 'ok'", check.Problem(Completed("[]", FinishReason.Stop)));

    private static Completion Completed(string text, FinishReason reason) => new(new DocumentId("r"), text, reason, 3, 7);
}
