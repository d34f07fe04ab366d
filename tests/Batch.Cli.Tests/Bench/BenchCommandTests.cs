using System.Text.Json;
using Batch.Cli.Bench;
using Batch.Cli.Tests.EndToEnd;
using Batch.Testing;

namespace Batch.Cli.Tests.Bench;

/// <summary>`batch bench` through the real CLI: the table on stdout, the same data as JSON.</summary>
public sealed class BenchCommandTests : IDisposable
{
    private readonly JobWorkspace _work = new();

    public void Dispose() => _work.Dispose();

    [Fact]
    public async Task Json_HoldsEveryModeAndColumn_AndTheTableShowsThem()
    {
        var result = await _work.RunCliAsync("bench", "--model", TinyModel.Path, "--rows", "5", "--prompt-tokens", "40", "--output-tokens", "6",
            "--shared-prefix-tokens", "20", "--threads", "1", "--sequences", "2", "--batch-tokens", "64", "--repeat", "2", "--warmup-rows", "1",
            "--decode-sequences", "3", "--json", "out/bench.json");

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(_work.Folder, "out", "bench.json")));
        var root = json.RootElement;
        foreach (var key in new[] { "model_file_bytes", "parameter_count", "kv_bytes_per_token_f16", "kv_bytes_per_token", "threads",
                     "memory_bandwidth_bytes_per_second", "batch1_bound_tokens_per_second" })
            Assert.True(root.GetProperty("machine").TryGetProperty(key, out _), key);
        var modes = root.GetProperty("modes").EnumerateArray().ToList();
        Assert.Equal(BenchModes.All.Select(BenchModes.Name), modes.Select(m => m.GetProperty("mode").GetString()));
        var columns = new[]
        {
            "wall_seconds", "wall_seconds_median", "wall_seconds_min", "wall_seconds_max", "prompt_tokens_per_second",
            "generated_tokens_per_second", "total_tokens_per_second", "ratio_to_sequential", "kv_allocated_bytes", "kv_peak_used_bytes",
            "peak_rss_bytes", "latency_p50_seconds", "latency_p95_seconds", "steps", "mean_sequences_per_step", "fed_tokens",
            "decode_tokens_per_second", "decoder_seconds", "scheduler_seconds",
        };
        foreach (var mode in modes)
        {
            foreach (var column in columns) Assert.True(mode.TryGetProperty(column, out _), $"{mode.GetProperty("mode")}: {column}");
            Assert.Equal(2, mode.GetProperty("wall_seconds").GetArrayLength());
            Assert.Equal(30, mode.GetProperty("generated_tokens").GetInt64());
        }
        Assert.Equal(1.0, modes[0].GetProperty("ratio_to_sequential").GetDouble());
        foreach (var mode in modes.Skip(1))
        {
            // Round i pairs sequential's i-th run with this mode's i-th run.
            var walls = mode.GetProperty("wall_seconds").EnumerateArray().Select(w => w.GetDouble()).ToList();
            var sequentialWalls = modes[0].GetProperty("wall_seconds").EnumerateArray().Select(w => w.GetDouble()).ToList();
            var byRound = mode.GetProperty("ratio_to_sequential_by_round").EnumerateArray().Select(r => r.GetDouble()).ToList();
            Assert.Equal(2, byRound.Count);
            for (var i = 0; i < 2; i++) Assert.Equal(sequentialWalls[i] / walls[i], byRound[i], 9);
        }
        Assert.Contains("× seq by round", result.Stdout);
        Assert.Equal(3, root.GetProperty("decode_probe").GetProperty("sequences").GetInt32());

        foreach (var header in BenchTable.Headers) Assert.Contains(header, result.Stdout);
        foreach (var mode in BenchModes.All) Assert.Contains(BenchModes.Name(mode), result.Stdout);
        Assert.Contains("batch-1 bound", result.Stdout);

        // Repetitions go round the modes, so a slow spell on the machine does not land on one mode only.
        var progress = result.Stdout + result.Stderr;
        var order = new[] { "sequential run 1/2", "continuous run 1/2", "sequential run 2/2", "continuous run 2/2" }
            .Select(line => progress.IndexOf(line, StringComparison.Ordinal)).ToList();
        Assert.DoesNotContain(-1, order);
        Assert.Equal(order.Order(), order);
    }

    [Fact]
    public async Task CompareWorkers_RunsThreeLayouts_EachGeneratingTheWholeWorkload()
    {
        var result = await _work.RunCliAsync("bench", "--model", TinyModel.Path, "--rows", "6", "--prompt-tokens", "20", "--output-tokens", "5",
            "--threads", "2", "--sequences", "4", "--repeat", "1", "--warmup-rows", "1", "--modes", "continuous", "--decode-sequences", "0",
            "--compare-workers", "--json", "out/bench.json");

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(_work.Folder, "out", "bench.json")));
        var runs = json.RootElement.GetProperty("worker_comparison").EnumerateArray().ToList();
        Assert.Equal([(1, 2, false), (2, 1, false), (2, 1, true)],
            runs.Select(r => (r.GetProperty("workers").GetInt32(), r.GetProperty("threads_per_worker").GetInt32(), r.GetProperty("locked_decode").GetBoolean())));
        Assert.All(runs, r => Assert.True(r.GetProperty("generated_tokens_per_second").GetDouble() > 0));
        Assert.Contains("locked decode", result.Stdout);
    }

    [Fact]
    public async Task WorkloadFile_WithGeneratedShape_IsAUsageError()
    {
        var result = await _work.RunCliAsync("bench", "--workload", "w.jsonl", "--rows", "5");

        Assert.Equal(ExitCodes.InvalidJob, result.ExitCode);
        Assert.Contains("--rows", result.Stderr);
    }
}
