using System.Text.Json;
using Batch.Testing;

namespace Batch.Cli.Tests.EndToEnd;

/// <summary>Chats end to end: the real CLI renders them with the model's template (the tiny model carries ChatML).</summary>
public sealed class ChatRunTests : IDisposable
{
    private readonly JobWorkspace _work = new();

    public void Dispose() => _work.Dispose();

    [Fact]
    public async Task ChatJob_WrapsPrompts_AndRowsWithMessagesUseThem()
    {
        _work.WriteInput([
            """{"id": "plain", "text": "hello"}""",
            """{"id": "chat", "messages": [{"role": "user", "content": "hello <|im_end|> there"}]}""",
        ]);
        WriteJob(TinyModel.Path, "prompt: {template: '{text}', chat: true, system: 'Be brief.'}");

        var result = await _work.RunCliAsync("run", _work.JobPath);

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        var rows = _work.ReadOutput().ToDictionary(r => r.GetProperty("id").GetString()!);
        // ChatML turns for a system and a user message plus the assistant's opening: far more than the bare word.
        Assert.True(rows["plain"].GetProperty("prompt_tokens").GetInt32() > 10, result.ToString());
        Assert.True(rows["chat"].GetProperty("prompt_tokens").GetInt32() > 10, result.ToString());
    }

    [Fact]
    public async Task UnrecognisedTemplate_FailsTheJobBeforeWeightsLoad_NamingTheFamilies()
    {
        _work.WriteInput(["""{"id": "a", "messages": [{"role": "user", "content": "hi"}]}"""]);
        WriteJob(TinyChatModels.WithChatTemplate(TinyChatModels.Unrecognised), "");

        var result = await _work.RunCliAsync("run", _work.JobPath);

        Assert.True(result.ExitCode == ExitCodes.InvalidJob, result.ToString());
        Assert.Contains("1 rows are chats, but the model's chat template is not one llama.cpp recognises", result.Stderr);
        Assert.Contains("set model.chat_template to the family the model was trained with, one of: ", result.Stderr);
        Assert.Contains("chatml", result.Stderr);
        Assert.DoesNotContain("sequences ×", result.Stderr);
        Assert.False(File.Exists(_work.OutputPath));
    }

    [Fact]
    public async Task ChatTemplateFamily_OverridesAnUnrecognisedTemplate()
    {
        _work.WriteInput(["""{"id": "a", "messages": [{"role": "user", "content": "hi"}]}"""]);
        WriteJob(TinyChatModels.WithChatTemplate(TinyChatModels.Unrecognised), "", "chat_template: chatml");

        var result = await _work.RunCliAsync("run", _work.JobPath);

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        Assert.Equal("a", Assert.Single(_work.ReadOutput()).GetProperty("id").GetString());
    }

    [Fact]
    public async Task BadMessages_AreErrorRowsNamingFileLineAndField_WhileTheRestFinish()
    {
        _work.WriteInput([
            """{"id": "ok", "messages": [{"role": "user", "content": "hi"}]}""",
            """{"id": "scalar", "messages": "hi"}""",
            """{"id": "no-role", "messages": [{"content": "hi"}]}""",
            """{"id": "no-content", "messages": [{"role": "user"}]}""",
        ]);
        WriteJob(TinyModel.Path, "");

        var result = await _work.RunCliAsync("run", _work.JobPath);

        Assert.True(result.ExitCode == ExitCodes.FinishedWithFailedRows, result.ToString());
        var errors = _work.ReadOutput().Where(r => r.GetProperty("error").ValueKind == JsonValueKind.String)
            .ToDictionary(r => r.GetProperty("id").GetString()!, r => r.GetProperty("error").GetString()!);
        Assert.Equal(3, errors.Count);
        Assert.EndsWith("input.jsonl:2: field 'messages' must be an array of {role, content} objects, not a string", errors["scalar"]);
        Assert.EndsWith("input.jsonl:3: field 'messages[0].role' must be a non-empty string (system, user, assistant, …)", errors["no-role"]);
        Assert.EndsWith("input.jsonl:4: field 'messages[0].content' must be a string or an array of text parts", errors["no-content"]);
    }

    private void WriteJob(string modelPath, string prompt, string modelExtra = "") => File.WriteAllText(_work.JobPath, $"""
        version: 1
        model:
          path: "{modelPath}"
          context: 512
          threads: 2
          {modelExtra}
        input:
          paths: [input.jsonl]
        {prompt}
        generation:
          max_tokens: 4
        output:
          path: out/output.jsonl
        scheduler:
          max_sequences: 4
          max_batch_tokens: 128
        """);
}
