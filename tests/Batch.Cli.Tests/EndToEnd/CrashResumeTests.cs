using System.Text.Json;
using System.Text.RegularExpressions;
using Batch.Llama.Tokenization;
using Batch.Testing;

namespace Batch.Cli.Tests.EndToEnd;

/// <summary>SIGKILL the real CLI at seeded random moments, resume each time, and check exactly-once output.</summary>
public sealed partial class CrashResumeTests : IDisposable
{
    private const int Rows = 300;
    private readonly JobWorkspace _crashed = new();
    private readonly JobWorkspace _reference = new();

    public void Dispose()
    {
        _crashed.Dispose();
        _reference.Dispose();
    }

    [Fact]
    public async Task KilledFiveTimes_ResumesToEveryRowExactlyOnce_WithoutRedoingCheckpointedRows()
    {
        var random = new Random(2026);
        var input = Enumerable.Range(0, Rows).Select(i => RunJobTests.Row($"row-{i:000}", RunJobTests.Words(random, random.Next(2, 40)), i)).ToList();
        foreach (var w in new[] { _crashed, _reference })
        {
            w.WriteInput(input);
            w.WriteJob(generation: "max_tokens: 48", scheduler: "max_sequences: 4\n  max_batch_tokens: 128", output: "include_token_ids: true", extra: "checkpoint:\n  every_rows: 7\n  every_seconds: 0.5");
        }
        var reference = await _reference.RunCliAsync("run", _reference.JobPath);
        Assert.True(reference.ExitCode == ExitCodes.Ok, reference.ToString());

        var kills = 0;
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var committedBefore = CommittedRows();
            using var process = _crashed.StartCli("run", _crashed.JobPath);
            var stderr = process.StandardError.ReadToEndAsync();
            // The moment is seeded in rows, not milliseconds, so every kill lands mid-job on any machine.
            var killAt = committedBefore + random.Next(15, 45);
            while (!process.HasExited && OutputLines() < killAt) await Task.Delay(10);
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);   // SIGKILL: no cleanup, no final checkpoint
                kills++;
            }
            await process.WaitForExitAsync();
            var log = await stderr;
            if (committedBefore > 0 && ResumedLine().Match(log) is { Success: true } resumed)
                Assert.Equal(committedBefore, long.Parse(resumed.Groups[1].Value));
        }
        Assert.Equal(5, kills);

        var committed = CommittedRows();
        var final = await _crashed.RunCliAsync("run", _crashed.JobPath);
        Assert.True(final.ExitCode == ExitCodes.Ok, final.ToString());
        if (committed > 0) Assert.Contains($"{committed} rows already done", final.Stderr);
        var decodedInFinalRun = long.Parse(RowsOkLine().Match(final.Stderr).Groups[1].Value);
        Assert.Equal(Rows - committed, decodedInFinalRun);

        var lines = await File.ReadAllLinesAsync(_crashed.OutputPath);
        var rows = lines.Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();   // a torn line would throw here
        Assert.Equal(input.Count, rows.Count);
        Assert.Equal(Rows, rows.Select(r => r.GetProperty("id").GetString()).Distinct().Count());
        AgreeByTeacherForcing(rows, _reference.ReadOutput());
    }

    private void AgreeByTeacherForcing(IReadOnlyList<JsonElement> resumed, IReadOnlyList<JsonElement> uninterrupted)
    {
        var byId = uninterrupted.ToDictionary(r => r.GetProperty("id").GetString()!);
        var inputs = File.ReadAllLines(Path.Combine(_crashed.Folder, "input.jsonl"))
            .Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToDictionary(r => r.GetProperty("id").GetString()!);
        using var weights = TinyModel.LoadWeights(2048);
        var tokenizer = new LlamaTokenizer(weights);
        var forcing = new TeacherForcingReference(weights);
        var differing = 0;
        foreach (var row in resumed)
        {
            var id = row.GetProperty("id").GetString()!;
            var tokens = row.GetProperty("token_ids").EnumerateArray().Select(t => t.GetInt32()).ToList();
            var expected = byId[id].GetProperty("token_ids").EnumerateArray().Select(t => t.GetInt32()).ToList();
            if (tokens.SequenceEqual(expected)) continue;
            differing++;
            var prompt = tokenizer.Tokenize("Summarize: " + inputs[id].GetProperty("text").GetString(), addBos: true);
            Assert.Empty(forcing.Check(prompt, tokens, 0.1f));
        }
        Assert.True(differing <= Rows / 10, $"{differing} rows differ from the uninterrupted run");
    }

    private long OutputLines()
    {
        if (!File.Exists(_crashed.OutputPath)) return 0;
        using var stream = new FileStream(_crashed.OutputPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        var buffer = new byte[1 << 16];
        long lines = 0;
        int read;
        while ((read = stream.Read(buffer)) > 0) lines += buffer.AsSpan(0, read).Count((byte)'\n');
        return lines;
    }

    private long CommittedRows()
    {
        var path = _crashed.OutputPath + ".checkpoint.json";
        if (!File.Exists(path)) return 0;
        var checkpoint = JsonDocument.Parse(File.ReadAllText(path)).RootElement.GetProperty("Checkpoint");
        return checkpoint.GetProperty("RowsOk").GetInt64() + checkpoint.GetProperty("RowsFailed").GetInt64();
    }

    [GeneratedRegex(@"resuming from .*: (\d+) rows already done")]
    private static partial Regex ResumedLine();

    [GeneratedRegex(@"done: (\d+) rows ok")]
    private static partial Regex RowsOkLine();
}
