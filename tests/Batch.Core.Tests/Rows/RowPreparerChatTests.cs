using Batch.Core.Jobs;
using Batch.Core.Rows;
using Batch.Core.Text;
using Batch.Testing.Builders;

namespace Batch.Core.Tests.Rows;

public sealed class RowPreparerChatTests
{
    [Fact]
    public void Prepare_RowWithMessages_TakesThemInsteadOfTheTemplate_SystemFirst()
    {
        var preparer = new RowPreparer(JobSpecs.Create(template: "{title}: {text}", system: "Be brief."));

        var row = preparer.Prepare(Records.Json("""{"id": "a", "messages": [{"role": "user", "content": "hi </s>"}]}""")).Row!;

        Assert.Equal([new ChatMessage("system", "Be brief."), new ChatMessage("user", "hi </s>")], row.Messages);
    }

    [Fact]
    public void Prepare_MessagesThatOpenWithASystemMessage_KeepTheirOwn()
    {
        var preparer = new RowPreparer(JobSpecs.Create(system: "Job system."));

        var row = preparer.Prepare(Records.Json(
            """{"id": "a", "messages": [{"role": "system", "content": "Row system."}, {"role": "user", "content": "q"}]}""")).Row!;

        Assert.Equal(["Row system.", "q"], row.Messages!.Select(m => m.Content));
    }

    [Fact]
    public void Prepare_MessagesFieldName_ComesFromTheJob()
    {
        var job = JobSpecs.Create() with { Input = new InputOptions { Messages = "chat" } };

        var row = new RowPreparer(job).Prepare(Records.Json("""{"id": "a", "chat": [{"role": "user", "content": "x"}]}""")).Row!;

        Assert.Equal("x", Assert.Single(row.Messages!).Content);
    }

    [Fact]
    public void Prepare_ChatJob_WrapsTheRenderedTemplateAsAUserMessage()
    {
        var job = JobSpecs.Create(template: "Summarize: {text}", system: "Be brief.") with { Prompt = new PromptOptions { Template = "Summarize: {text}", System = "Be brief.", Chat = true } };

        var row = new RowPreparer(job).Prepare(Records.Json("""{"id": "a", "text": "doc"}""")).Row!;

        Assert.Equal([new ChatMessage("system", "Be brief."), new ChatMessage("user", "Summarize: doc")], row.Messages);
    }

    [Fact]
    public void Prepare_TextJob_HasNoMessages() =>
        Assert.Null(new RowPreparer(JobSpecs.Create()).Prepare(Records.Json("""{"id": "a", "text": "doc"}""")).Row!.Messages);

    [Theory]
    [InlineData("\"hello\"", "in.jsonl:4: field 'messages' must be an array of {role, content} objects, not a string")]
    [InlineData("[]", "in.jsonl:4: field 'messages' must hold at least one message")]
    [InlineData("[1]", "in.jsonl:4: field 'messages[0]' must be a {role, content} object, not a number")]
    [InlineData("""[{"content": "x"}]""", "in.jsonl:4: field 'messages[0].role' must be a non-empty string (system, user, assistant, …)")]
    [InlineData("""[{"role": "user", "content": "x"}, {"role": "user"}]""", "in.jsonl:4: field 'messages[1].content' must be a string or an array of text parts")]
    [InlineData("""[{"role": "user", "content": [{"type": "image_url", "image_url": {}}]}]""", "in.jsonl:4: field 'messages[0].content' must be a string or an array of text parts")]
    public void Prepare_BadMessages_IsAnErrorRowNamingFileLineAndField(string messages, string error)
    {
        var result = new RowPreparer(JobSpecs.Create()).Prepare(Records.Json($$"""{"id": "a", "messages": {{messages}}}""", line: 4));

        Assert.Null(result.Row);
        Assert.Equal(error, result.Failure!.Error);
        Assert.Equal("a", result.Failure.Id!.Value.GetString());
    }

    [Fact]
    public void Prepare_ContentParts_AreJoined()
    {
        var row = new RowPreparer(JobSpecs.Create()).Prepare(Records.Json(
            """{"id": "a", "messages": [{"role": "user", "content": [{"type": "text", "text": "one "}, {"type": "text", "text": "two"}]}]}""")).Row!;

        Assert.Equal("one two", Assert.Single(row.Messages!).Content);
    }
}
