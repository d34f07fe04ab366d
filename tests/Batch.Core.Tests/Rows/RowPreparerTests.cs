using System.Text.Json;
using Batch.Core.Rows;
using Batch.Testing.Builders;

namespace Batch.Core.Tests.Rows;

public sealed class RowPreparerTests
{
    [Fact]
    public void Prepare_ValidRow_RendersThePromptAndKeepsTheId()
    {
        var preparer = new RowPreparer(JobSpecs.Create(template: "Summarize: {text}"));

        var result = preparer.Prepare(Records.Json("""{"id": "a1", "text": "hello"}""", line: 7));

        var row = Assert.IsType<PreparedRow>(result.Row);
        Assert.Null(result.Failure);
        Assert.Equal(("a1", "Summarize: hello", Records.Source, 7L), (row.Id.Value, row.Prompt, row.Source, row.Line));
        Assert.Equal("a1", row.IdValue.GetString());
        Assert.Equal(1, preparer.AcceptedCount);
    }

    [Fact]
    public void Prepare_NumericId_UsesItsJsonText()
    {
        var preparer = new RowPreparer(JobSpecs.Create());

        var row = preparer.Prepare(Records.Json("""{"id": 42, "text": "x"}""")).Row!;

        Assert.Equal("42", row.Id.Value);
        Assert.Equal(JsonValueKind.Number, row.IdValue.ValueKind);
    }

    [Fact]
    public void Prepare_MissingId_IsAnErrorRowNamingTheField()
    {
        var failure = Fail(JobSpecs.Create(idField: "doc_id"), """{"text": "x"}""", line: 3);

        Assert.Equal("in.jsonl:3: missing id field 'doc_id'", failure.Error);
        Assert.Null(failure.Id);
        Assert.True(failure.IsError);
        Assert.Equal((Records.Source, 3L), (failure.Source, failure.Line));
    }

    [Fact]
    public void Prepare_NullId_IsAnErrorRowLikeAMissingOne() =>
        Assert.Equal("in.jsonl:1: missing id field 'id'", Fail(JobSpecs.Create(), """{"id": null, "text": "x"}""").Error);

    [Theory]
    [InlineData("""{"a": 1}""", "an object")]
    [InlineData("[1]", "an array")]
    [InlineData("true", "a boolean")]
    public void Prepare_IdThatIsNotAStringOrNumber_IsAnErrorRowSayingWhatItIs(string id, string what) =>
        Assert.Equal($"in.jsonl:1: id field 'id' must be a string or a number, not {what}",
            Fail(JobSpecs.Create(), $$"""{"id": {{id}}, "text": "x"}""").Error);

    [Fact]
    public void Prepare_EmptyId_IsAnErrorRowThatKeepsTheId()
    {
        var failure = Fail(JobSpecs.Create(), """{"id": "", "text": "x"}""");

        Assert.Equal("in.jsonl:1: id field 'id' is empty", failure.Error);
        Assert.Equal("", failure.Id!.Value.GetString());
    }

    [Fact]
    public void Prepare_DuplicateId_IsAnErrorRowNamingTheFirstLine()
    {
        var preparer = new RowPreparer(JobSpecs.Create());
        Assert.NotNull(preparer.Prepare(Records.Json("""{"id": "a", "text": "x"}""", line: 2)).Row);
        Assert.NotNull(preparer.Prepare(Records.Json("""{"id": "b", "text": "x"}""", line: 3)).Row);

        var result = preparer.Prepare(Records.Json("""{"id": "a", "text": "y"}""", line: 9, source: "more.jsonl"));

        Assert.Null(result.Row);
        Assert.Equal("more.jsonl:9: duplicate id 'a' (first at in.jsonl:2)", result.Failure!.Error);
        Assert.Equal(2, preparer.AcceptedCount);
    }

    [Fact]
    public void Prepare_MissingTemplateField_IsAnErrorRowNamingIt() =>
        Assert.Equal("in.jsonl:1: missing field 'body'",
            Fail(JobSpecs.Create(template: "{title}: {body}"), """{"id": "a", "title": "t"}""").Error);

    [Fact]
    public void Prepare_MissingDeclaredField_IsAnErrorRowEvenWhenTheTemplateDoesNotUseIt() =>
        Assert.Equal("in.jsonl:1: missing field 'lang'",
            Fail(JobSpecs.Create(fields: ["lang"]), """{"id": "a", "text": "t"}""").Error);

    [Fact]
    public void Prepare_NullField_IsAnErrorRowSayingItIsNull() =>
        Assert.Equal("in.jsonl:1: field 'text' is null", Fail(JobSpecs.Create(), """{"id": "a", "text": null}""").Error);

    [Fact]
    public void Prepare_UnreadableRecord_IsAnErrorRowWithTheReadersReason()
    {
        var preparer = new RowPreparer(JobSpecs.Create(carry: ["source"]));

        var failure = preparer.Prepare(Records.Unreadable("invalid JSON at byte 4", line: 5)).Failure!;

        Assert.Equal("in.jsonl:5: invalid JSON at byte 4", failure.Error);
        Assert.Equal([new KeyValuePair<string, JsonElement?>("source", null)], failure.Carry);
    }

    [Fact]
    public void Prepare_CarryOfAMissingField_IsNull()
    {
        var preparer = new RowPreparer(JobSpecs.Create(carry: ["lang", "score"]));

        var row = preparer.Prepare(Records.Json("""{"id": "a", "text": "x", "score": 0.5}""")).Row!;

        Assert.Equal(["lang", "score"], row.Carry.Select(c => c.Key));
        Assert.Null(row.Carry[0].Value);
        Assert.Equal(0.5, row.Carry[1].Value!.Value.GetDouble());
    }

    [Fact]
    public void Prepare_ErrorRows_StillCarryTheFieldsTheyHave()
    {
        var failure = Fail(JobSpecs.Create(carry: ["lang"]), """{"text": "x", "lang": "fr"}""");

        Assert.Equal("fr", Assert.Single(failure.Carry).Value!.Value.GetString());
    }

    [Fact]
    public void Prepare_SystemText_IsPrependedWithABlankLine()
    {
        var preparer = new RowPreparer(JobSpecs.Create(template: "Q: {text}", system: "Answer briefly."));

        Assert.Equal("Answer briefly.\n\nQ: hi", preparer.Prepare(Records.Json("""{"id": "a", "text": "hi"}""")).Row!.Prompt);
    }

    [Fact]
    public void Prepare_NonStringField_IsRenderedAsItsJsonText()
    {
        var preparer = new RowPreparer(JobSpecs.Create(template: "{n} {flag} {obj}"));

        var row = preparer.Prepare(Records.Json("""{"id": "a", "n": 3.25, "flag": true, "obj": {"k": [1, 2]}}""")).Row!;

        Assert.Equal("""3.25 true {"k": [1, 2]}""", row.Prompt);
    }

    private static Batch.Core.Rows.OutputRow Fail(Batch.Core.Jobs.JobSpec job, string json, long line = 1)
    {
        var result = new RowPreparer(job).Prepare(Records.Json(json, line));
        Assert.Null(result.Row);
        return Assert.IsType<OutputRow>(result.Failure);
    }
}
