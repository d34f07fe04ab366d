using System.Text.Json;

namespace Batch.Cli.Tests.EndToEnd;

/// <summary>`batch run` end to end: the real CLI, the real decoder, the generated tiny model.</summary>
public sealed class RunJobTests : IDisposable
{
    private readonly JobWorkspace _work = new();

    public void Dispose() => _work.Dispose();

    [Fact]
    public async Task FiftyRowsOfMixedLengths_EachIdExactlyOnce()
    {
        var random = new Random(1);
        _work.WriteInput(Enumerable.Range(0, 50).Select(i => Row($"d{i}", Words(random, random.Next(1, 90)), tag: i)));
        _work.WriteJob(generation: "max_tokens: 12\n  ignore_eos: true");

        var result = await _work.RunCliAsync("run", _work.JobPath);

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        var rows = _work.ReadOutput();
        Assert.Equal(Enumerable.Range(0, 50).Select(i => $"d{i}").Order(), rows.Select(r => r.GetProperty("id").GetString()!).Order());
        foreach (var row in rows)
        {
            Assert.Equal("length", row.GetProperty("finish_reason").GetString());
            Assert.Equal(12, row.GetProperty("completion_tokens").GetInt32());
            Assert.True(row.GetProperty("prompt_tokens").GetInt32() > 0);
            Assert.Equal(JsonValueKind.Null, row.GetProperty("error").ValueKind);
            Assert.Equal(JsonValueKind.Number, row.GetProperty("tag").ValueKind);
        }
        Assert.Contains("50 rows ok, 0 failed", result.Stderr);
    }

    [Fact]
    public async Task BadRows_BecomeErrorRows_WhileTheRestFinish()
    {
        _work.WriteInput([
            Row("ok1", "A fine document."),
            "{ this is not json",
            """{"text": "no id here"}""",
            """{"id": "no-text"}""",
            Row("ok1", "A duplicate id."),
            Row("long", Words(new Random(2), 2000)),
            "[1, 2, 3]",
            Row("ok2", "Another fine document."),
        ]);
        _work.WriteJob();

        var result = await _work.RunCliAsync("run", _work.JobPath);

        Assert.True(result.ExitCode == ExitCodes.FinishedWithFailedRows, result.ToString());
        var rows = _work.ReadOutput();
        Assert.Equal(8, rows.Count);
        var errors = rows.Where(r => r.GetProperty("finish_reason").GetString() == "error")
            .Select(r => r.GetProperty("error").GetString()!).ToList();
        Assert.Equal(6, errors.Count);
        Assert.Contains(errors, e => e.Contains("input.jsonl:2:") && e.Contains("not valid JSON"));
        Assert.Contains(errors, e => e.Contains("input.jsonl:3:") && e.Contains("missing id field 'id'"));
        Assert.Contains(errors, e => e.Contains("input.jsonl:4:") && e.Contains("missing field 'text'"));
        Assert.Contains(errors, e => e.Contains("input.jsonl:5:") && e.Contains("duplicate id 'ok1'"));
        Assert.Contains(errors, e => e.Contains("input.jsonl:6:") && e.Contains("context holds"));
        Assert.Contains(errors, e => e.Contains("input.jsonl:7:") && e.Contains("not an object"));
        Assert.Equal(2, rows.Count(r => r.GetProperty("finish_reason").GetString() == "length"));
    }

    [Fact]
    public async Task MaxTokensField_OverridesMaxTokensPerRow_AndABadValueIsAnErrorRow()
    {
        _work.WriteInput([
            """{"id": "a", "text": "one", "limit": 3}""",
            """{"id": "b", "text": "two", "limit": 7}""",
            """{"id": "c", "text": "three"}""",
            """{"id": "d", "text": "four", "limit": "many"}""",
        ]);
        _work.WriteJob(generation: "max_tokens: 5\n  max_tokens_field: limit\n  ignore_eos: true");

        var result = await _work.RunCliAsync("run", _work.JobPath);

        Assert.True(result.ExitCode == ExitCodes.FinishedWithFailedRows, result.ToString());
        var rows = _work.ReadOutput().ToDictionary(r => r.GetProperty("id").GetString()!);
        Assert.Equal(3, rows["a"].GetProperty("completion_tokens").GetInt32());
        Assert.Equal(7, rows["b"].GetProperty("completion_tokens").GetInt32());
        Assert.Equal(5, rows["c"].GetProperty("completion_tokens").GetInt32());
        Assert.Contains("field 'limit' must be a positive integer", rows["d"].GetProperty("error").GetString());
    }

    [Fact]
    public async Task TwoWorkers_OneFailingMidJob_EveryIdExactlyOnce()
    {
        var random = new Random(4);
        _work.WriteInput(Enumerable.Range(0, 60).Select(i => Row($"w{i}", Words(random, random.Next(2, 30)))));
        _work.WriteJob(generation: "max_tokens: 12", scheduler: "max_sequences: 4",
            extra: "workers:\n  cpu: 2\n  threads_per_worker: 1\n  fault_injection: {worker: 1, at_step: 3}");
        File.WriteAllText(_work.JobPath, File.ReadAllText(_work.JobPath).Replace("  threads: 2\n", ""));

        var result = await _work.RunCliAsync("run", _work.JobPath);

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        Assert.Contains("injected fault (testing only): worker 1 failed at decode step 3", result.Stdout + result.Stderr);
        var ids = _work.ReadOutput().Select(r => r.GetProperty("id").GetString()).ToList();
        Assert.Equal(60, ids.Count);
        Assert.Equal(60, ids.Distinct().Count());
    }

    [Fact]
    public async Task InvalidJob_ExitsWith2_ListingEveryErrorBeforeAnyModelLoads()
    {
        _work.WriteInput([Row("a", "x")]);
        _work.WriteJob(generation: "max_tokens: 0\n  temprature: 0.5", model: "/nonexistent/model.gguf");

        var result = await _work.RunCliAsync("run", _work.JobPath);

        Assert.True(result.ExitCode == ExitCodes.InvalidJob, result.ToString());
        Assert.Contains("job.yaml:11:15: generation.max_tokens must be at least 1", result.Stderr);
        Assert.Contains("job.yaml:12:3: unknown key 'temprature' in generation; did you mean 'temperature'?", result.Stderr);
        Assert.DoesNotContain("does not exist", result.Stderr);
    }

    [Fact]
    public async Task MissingModel_IsAClearMessage_NotAStackTrace()
    {
        _work.WriteInput([Row("a", "x")]);
        _work.WriteJob(model: Path.Combine(_work.Folder, "missing.gguf"));

        var result = await _work.RunCliAsync("run", _work.JobPath);

        Assert.True(result.ExitCode == ExitCodes.Fatal, result.ToString());
        Assert.Contains("missing.gguf' does not exist", result.Stderr);
        Assert.DoesNotContain("   at ", result.Stderr);
    }

    [Fact]
    public async Task CorruptModel_IsAClearMessage_NotAStackTrace()
    {
        var corrupt = Path.Combine(_work.Folder, "corrupt.gguf");
        await File.WriteAllBytesAsync(corrupt, [.. "GGUF"u8.ToArray(), .. Enumerable.Repeat((byte)0xAB, 4096)]);
        _work.WriteInput([Row("a", "x")]);
        _work.WriteJob(model: corrupt);

        var result = await _work.RunCliAsync("run", _work.JobPath);

        Assert.True(result.ExitCode == ExitCodes.Fatal, result.ToString());
        Assert.Contains("corrupt.gguf' is GGUF version", result.Stderr);
        Assert.DoesNotContain("   at ", result.Stderr);
    }

    internal static string Row(string id, string text, int tag = 0) =>
        JsonSerializer.Serialize(new { id, text, tag });

    internal static string Words(Random random, int count)
    {
        string[] words = ["alpha", "beta", "gamma", "delta", "river", "bank", "light", "noise", "日本", "café", "🚀"];
        return string.Join(' ', Enumerable.Range(0, count).Select(_ => words[random.Next(words.Length)]));
    }

    internal static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Batch.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Batch.sln not found above the test folder");
    }
}
