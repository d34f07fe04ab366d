using System.Diagnostics;
using System.Text.Json;

namespace Batch.Cli.Tests.EndToEnd;

/// <summary>Resume rules through the real CLI: fingerprints, --restart, Ctrl+C, Parquet in and out.</summary>
public sealed class ResumeTests : IDisposable
{
    private readonly JobWorkspace _work = new();

    public void Dispose() => _work.Dispose();

    [Fact]
    public async Task ChangedJob_IsRefused_SayingWhatChanged_UnlessRestart()
    {
        _work.WriteInput(Enumerable.Range(0, 5).Select(i => RunJobTests.Row($"r{i}", "some text")));
        _work.WriteJob(generation: "max_tokens: 4");
        Assert.Equal(ExitCodes.Ok, (await _work.RunCliAsync("run", _work.JobPath)).ExitCode);

        _work.WriteJob(generation: "max_tokens: 6");
        var refused = await _work.RunCliAsync("run", _work.JobPath);
        Assert.True(refused.ExitCode == ExitCodes.InvalidJob, refused.ToString());
        Assert.Contains("refusing to resume", refused.Stderr);
        Assert.Contains("generation.max_tokens changed (generation.max_tokens=4 → generation.max_tokens=6)", refused.Stderr);

        var restarted = await _work.RunCliAsync("run", _work.JobPath, "--restart");
        Assert.True(restarted.ExitCode == ExitCodes.Ok, restarted.ToString());
        var rows = _work.ReadOutput();
        Assert.Equal(5, rows.Count);
        Assert.All(rows, r => Assert.Equal(6, r.GetProperty("completion_tokens").GetInt32()));
    }

    [Fact]
    public async Task Restart_OnAFirstRunWithNoOutputFolder_Works()
    {
        _work.WriteInput([RunJobTests.Row("a", "text")]);
        _work.WriteJob();
        var result = await _work.RunCliAsync("run", _work.JobPath, "--restart");
        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
    }

    [Fact]
    public async Task CompletedJob_RunAgain_DecodesNothingAndKeepsTheOutput()
    {
        _work.WriteInput(Enumerable.Range(0, 6).Select(i => RunJobTests.Row($"r{i}", "text")));
        _work.WriteJob();
        Assert.Equal(ExitCodes.Ok, (await _work.RunCliAsync("run", _work.JobPath)).ExitCode);
        var before = await File.ReadAllTextAsync(_work.OutputPath);

        var again = await _work.RunCliAsync("run", _work.JobPath);

        Assert.True(again.ExitCode == ExitCodes.Ok, again.ToString());
        Assert.Contains("6 rows were already done", again.Stderr);
        Assert.Equal(before, await File.ReadAllTextAsync(_work.OutputPath));
    }

    [Fact]
    public async Task Sigint_DrainsCheckpointsAndExits130_ThenResumeFinishes()
    {
        var random = new Random(9);
        _work.WriteInput(Enumerable.Range(0, 120).Select(i => RunJobTests.Row($"r{i}", RunJobTests.Words(random, 30))));
        _work.WriteJob(generation: "max_tokens: 32", scheduler: "max_sequences: 2\n  max_batch_tokens: 64");
        using var process = _work.StartCli("run", _work.JobPath);
        var stderr = process.StandardError.ReadToEndAsync();
        while (!File.Exists(_work.OutputPath) || new FileInfo(_work.OutputPath).Length == 0) await Task.Delay(20);
        using (var kill = Process.Start("kill", ["-INT", process.Id.ToString()])) await kill.WaitForExitAsync();
        await process.WaitForExitAsync();

        Assert.True(process.ExitCode == ExitCodes.Interrupted, await stderr);
        Assert.Contains("progress is checkpointed", await stderr);
        var partial = _work.ReadOutput().Count;
        Assert.InRange(partial, 1, 119);

        var resumed = await _work.RunCliAsync("run", _work.JobPath);
        Assert.True(resumed.ExitCode == ExitCodes.Ok, resumed.ToString());
        Assert.Contains($"{partial} rows were already done", resumed.Stderr);
        Assert.Equal(120, _work.ReadOutput().Select(r => r.GetProperty("id").GetString()).Distinct().Count());
    }

    [Fact]
    public async Task JsonlToParquet_ThenParquetToJsonl_KeepsIdsNullsAndUnicode()
    {
        _work.WriteInput([
            JsonSerializer.Serialize(new { id = "a", text = "héllo 日本 🚀", tag = (int?)null }),
            JsonSerializer.Serialize(new { id = "b", text = "plain", tag = 7 }),
            JsonSerializer.Serialize(new { id = "c", text = (string?)null, tag = 1 }),
        ]);
        _work.WriteJob(extra: "", output: "errors: out/errors.jsonl");
        File.WriteAllText(_work.JobPath, File.ReadAllText(_work.JobPath).Replace("out/output.jsonl", "out/stage1.parquet"));
        var first = await _work.RunCliAsync("run", _work.JobPath);
        Assert.True(first.ExitCode == ExitCodes.FinishedWithFailedRows, first.ToString());
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(_work.Folder, "out", "stage1.parquet"), "part-*.parquet"));
        Assert.Contains("field 'text' is null", await File.ReadAllTextAsync(Path.Combine(_work.Folder, "out", "errors.jsonl")));

        // Second stage: read the Parquet dataset back as input (the first stage's output column becomes the text).
        File.WriteAllText(_work.JobPath, string.Join('\n',
            $"model: {{ path: \"{Batch.Testing.TinyModel.Path}\", context: 512 }}",
            "input: { paths: [\"out/stage1.parquet/*.parquet\"] }",
            "prompt: { template: \"Again: {output}\" }",
            "generation: { max_tokens: 3 }",
            "output: { path: out/stage2.jsonl, carry: [tag, finish_reason] }"));
        var second = await _work.RunCliAsync("run", _work.JobPath);
        var rows = File.ReadAllLines(Path.Combine(_work.Folder, "out", "stage2.jsonl")).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();
        Assert.Equal(["a", "b", "c"], rows.Select(r => r.GetProperty("id").GetString()).Order());
        var c = rows.Single(r => r.GetProperty("id").GetString() == "c");
        Assert.Contains("field 'output' is null", c.GetProperty("error").GetString());   // the null survived the round trip
        Assert.Equal(JsonValueKind.Null, rows.Single(r => r.GetProperty("id").GetString() == "a").GetProperty("tag").ValueKind);
        Assert.True(second.ExitCode == ExitCodes.FinishedWithFailedRows, second.ToString());
    }

    [Fact]
    public async Task InputThatIsNotParquet_IsAnErrorRowNamingTheFile()
    {
        await File.WriteAllTextAsync(Path.Combine(_work.Folder, "fake.parquet"), "id,text\n1,hello\n");
        _work.WriteJob();
        File.WriteAllText(_work.JobPath, File.ReadAllText(_work.JobPath).Replace("[input.jsonl]", "[fake.parquet]"));

        var result = await _work.RunCliAsync("run", _work.JobPath);

        Assert.True(result.ExitCode == ExitCodes.FinishedWithFailedRows, result.ToString());
        var error = Assert.Single(_work.ReadOutput()).GetProperty("error").GetString();
        Assert.Contains("fake.parquet", error);
        Assert.Contains("not a Parquet file", error);
    }
}
