using System.CommandLine;
using Batch.Cli.Bench;
using Batch.Cli.Running;
using Batch.Core.Decoding;

namespace Batch.Cli.Commands;

/// <summary><c>batch bench</c>: throughput and memory of every batching mode against the baselines, in one process.</summary>
public static class BenchCommand
{
    public static Command Create(ModelResolver models)
    {
        var workload = new Option<FileInfo?>("--workload") { Description = "A JSONL workload of {id, prompt, max_tokens} rows (else one is generated)" };
        var rows = new Option<int?>("--rows") { Description = "Generated workload: rows (default 64)" };
        var promptTokens = new Option<int?>("--prompt-tokens") { Description = "Generated workload: prompt tokens per row (default 256)" };
        var outputTokens = new Option<int?>("--output-tokens") { Description = "Generated workload: tokens each row generates (default 128)" };
        var prefixTokens = new Option<int?>("--shared-prefix-tokens") { Description = "Generated workload: leading prompt tokens all rows share (default 0)" };
        var model = new Option<string>("--model") { Description = "A GGUF file or synthetic:tiny|small|bench", DefaultValueFactory = _ => "synthetic:bench" };
        var threads = new Option<int>("--threads") { Description = "llama.cpp threads (never more than the free cores)", DefaultValueFactory = _ => 2 };
        var sequences = new Option<int>("--sequences") { Description = "N: sequences at once in the batched modes", DefaultValueFactory = _ => 16 };
        var batchTokens = new Option<int>("--batch-tokens") { Description = "Tokens per decode step", DefaultValueFactory = _ => 512 };
        var modes = new Option<string>("--modes") { Description = "Comma-separated: " + BenchModes.DefaultList + "; a mode may name its own KV cache type, e.g. continuous:q8_0, and a continuous mode its workers, e.g. continuous@2", DefaultValueFactory = _ => BenchModes.DefaultList };
        var repeat = new Option<int>("--repeat") { Description = "Runs per mode (median reported)", DefaultValueFactory = _ => 3 };
        var warmUp = new Option<int>("--warmup-rows") { Description = "Short rows decoded untimed before each run", DefaultValueFactory = _ => 4 };
        var kvType = new Option<string>("--kv-cache-type") { Description = "f16 | q8_0 | q4_0, or keys/values such as q4_0/f16", DefaultValueFactory = _ => "f16" };
        var decodeSequences = new Option<int>("--decode-sequences") { Description = "Sequences in the pure-decode probe (0 skips it)", DefaultValueFactory = _ => 32 };
        var json = new Option<FileInfo?>("--json") { Description = "Also write the results as JSON to this file" };
        var seed = new Option<int>("--seed") { Description = "Seed of the generated workload", DefaultValueFactory = _ => 42 };
        var compareWorkers = new Option<bool>("--compare-workers")
        {
            Description = "Also run the workload as 1 worker × all threads, N workers × 1 thread, and N workers through LLamaSharp's locked decode",
        };
        var labels = new Option<string?>("--labels")
        {
            Description = "Comma-separated labels the classify and classify-separate modes score (default positive,negative,neutral,mixed)",
        };
        var command = new Command("bench", "Measure throughput and memory of sequential, static and continuous batching on one model")
        {
            workload, rows, promptTokens, outputTokens, prefixTokens, model, threads, sequences, batchTokens, modes, repeat, warmUp, kvType,
            decodeSequences, json, seed, compareWorkers, labels,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var generated = new[] { rows, promptTokens, outputTokens, prefixTokens }.Where(o => parse.GetValue(o) is not null).Select(o => o.Name).ToList();
            if (parse.GetValue(workload) is not null && generated.Count > 0)
                return Fail($"--workload reads rows from a file; it cannot be combined with {string.Join(", ", generated)}");
            if (!BenchModes.TryParseList(parse.GetValue(modes)!, out var modeList, out var modeError)) return Fail(modeError!);
            if (!KvCacheTypes.TryParse(parse.GetValue(kvType), out var cacheType))
                return Fail($"unknown KV cache type '{parse.GetValue(kvType)}' (f16, q8_0, q4_0, or keys/values such as q4_0/f16)");
            var shape = new WorkloadShape(parse.GetValue(rows) ?? 64, parse.GetValue(promptTokens) ?? 256, parse.GetValue(outputTokens) ?? 128,
                parse.GetValue(prefixTokens) ?? 0);
            var options = new BenchOptions(parse.GetValue(workload)?.FullName, shape, parse.GetValue(model)!, parse.GetValue(threads),
                parse.GetValue(sequences), parse.GetValue(batchTokens), modeList, parse.GetValue(repeat), parse.GetValue(warmUp), cacheType,
                parse.GetValue(decodeSequences), parse.GetValue(json)?.FullName, parse.GetValue(seed), CompareWorkers: parse.GetValue(compareWorkers),
                Labels: parse.GetValue(labels)?.Split(',', StringSplitOptions.TrimEntries));
            return await ExecuteAsync(options, models, cancellationToken);
        });
        return command;
    }

    private static async Task<int> ExecuteAsync(BenchOptions options, ModelResolver models, CancellationToken cancellationToken)
    {
        if (options.Validate() is { } invalid) return Fail(invalid);
        // The runs are long and CPU-bound: keep them off the caller's thread.
        var runner = new BenchRunner(models, Console.Error);
        var (ok, report, error) = await Task.Run(() => (runner.TryRun(options, cancellationToken, out var r, out var e), r, e), cancellationToken);
        if (!ok) return Fail(error!, ExitCodes.Fatal);
        await Console.Out.WriteAsync(BenchTable.Format(report!));
        if (options.JsonPath is { } path)
        {
            await BenchJson.WriteAsync(path, report!, cancellationToken);
            await Console.Error.WriteLineAsync($"wrote {path}");
        }
        return ExitCodes.Ok;
    }

    private static int Fail(string message, int code = ExitCodes.InvalidJob)
    {
        Console.Error.WriteLine($"error: {message}");
        return code;
    }
}
