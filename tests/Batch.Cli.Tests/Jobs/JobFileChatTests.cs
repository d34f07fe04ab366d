using Batch.Core.Jobs;

namespace Batch.Cli.Tests.Jobs;

/// <summary>The job keys of chat templates and OpenAI batch files.</summary>
public sealed class JobFileChatTests
{
    private const string Input = "input: {paths: [a.jsonl]}\n";

    [Fact]
    public void Load_Defaults_AreAutoTemplate_NoChat_MessagesField_AutoFormat()
    {
        var job = TempJobFile.Job(Input);

        Assert.Equal(("auto", false, "messages", "auto"), (job.Model.ChatTemplate, job.Prompt.Chat, job.Input.Messages, job.Input.Format));
    }

    [Fact]
    public void Load_ChatSettings_AreRead()
    {
        var job = TempJobFile.Job("input: {paths: [a.jsonl], messages: turns, format: openai_batch}\nmodel: {chat_template: chatml}\nprompt: {chat: true}\n");

        Assert.Equal(("chatml", true, "turns"), (job.Model.ChatTemplate, job.Prompt.Chat, job.Input.Messages));
        Assert.True(job.Input.IsOpenAiBatch);
    }

    [Theory]
    [InlineData("none")]
    [InlineData("llama3")]
    [InlineData("mistral-v7")]
    public void Load_ChatTemplate_AcceptsNoneAndFamilies(string value) =>
        Assert.Equal(value, TempJobFile.Job(Input + $"model: {{chat_template: {value}}}\n").Model.ChatTemplate);

    [Theory]
    [InlineData(Input + "model: {chat_template: jinja2}\n", 2, 24, "model.chat_template: must be auto, none or a llama.cpp template family (")]
    [InlineData(Input + "model: {chat_template: jinja2}\n", 2, 24, "chatml, ")]
    [InlineData("input: {paths: [a.jsonl], format: csv}\n", 1, 35, "input.format: must be auto, jsonl, parquet, openai_batch, got 'csv'")]
    [InlineData("input: {paths: [a.jsonl], messages: ''}\n", 1, 37, "input.messages: must not be empty")]
    [InlineData(Input + "prompt: {chat: yes}\n", 2, 16, "prompt.chat: expected true/false, got 'yes'")]
    [InlineData(Input + "model: {chat_template: none}\nprompt: {chat: true}\n", 3, 16, "prompt.chat needs a chat template, but model.chat_template is none")]
    [InlineData("input: {paths: [a.jsonl], format: openai_batch}\noutput: {path: out.parquet}\n", 2, 16, "output.path must end in .jsonl with input.format: openai_batch")]
    [InlineData("input: {paths: [a.jsonl], format: openai_batch}\noutput: {carry: [x]}\n", 2, 17, "output.carry is not used with input.format: openai_batch")]
    public void Load_BadChatSetting_IsAnErrorAtTheNode(string yaml, int line, int column, string message)
    {
        var error = Assert.Single(TempJobFile.Errors(yaml));

        Assert.True(error.Message.Contains(message, StringComparison.Ordinal) && (error.Line, error.Column) == (line, column),
            $"expected {line}:{column} containing \"{message}\", got {error.Line}:{error.Column} \"{error.Message}\"");
    }

    [Fact]
    public void OpenAiBatchJob_BuildsAJobOverTheFile()
    {
        Assert.True(Batch.Cli.Jobs.OpenAiBatchJob.TryCreate("in.jsonl", "synthetic:tiny", "out.jsonl", null, "/base", out var job, out var problems),
            string.Join("; ", problems));

        Assert.Equal((InputOptions.OpenAiBatchFormat, "synthetic:tiny", "out.jsonl", "/base"),
            (job!.Input.Format, job.Model.Path, job.Output.Path, job.BaseDirectory));
        Assert.Equal(["in.jsonl"], job.Input.Paths);
    }

    [Fact]
    public void OpenAiBatchJob_ListsEveryProblem()
    {
        Assert.False(Batch.Cli.Jobs.OpenAiBatchJob.TryCreate("in.csv", null, "out.parquet", "e.txt", "/base", out _, out var problems));

        Assert.Equal(4, problems.Count);
        Assert.Contains(problems, p => p.StartsWith("--model is required", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("--output: must end in .jsonl", StringComparison.Ordinal));
    }
}
