using Batch.Core.Decoding;
using Batch.Core.Planning;
using Batch.Llama.Gguf;
using Batch.Testing;

namespace Batch.Cli.Tests.EndToEnd;

/// <summary>`batch plan` and the planner's refusal, through the real CLI on the generated tiny model.</summary>
public sealed class PlanCommandTests : IDisposable
{
    private readonly JobWorkspace _work = new();

    public void Dispose() => _work.Dispose();

    [Fact]
    public async Task Plan_PrintsTheKvOfTheJobsCacheTypes_AndTheStaticSlotsItReplaces()
    {
        _work.WriteInput(Enumerable.Range(0, 6).Select(i => RunJobTests.Row($"p{i}", RunJobTests.Words(new Random(i), 3 + i))));
        _work.WriteJob(scheduler: "max_sequences: 4\n  max_batch_tokens: 64", extra: "kv:\n  cache_type: q4_0/f16\n  prefix_sharing: false");
        Assert.True(ModelInspector.TryInspect(TinyModel.Path, out var model, out var error), error);
        var perToken = MemoryPlanner.KvBytesPerToken(model.KvCachePerTokenBytes, model.KeyCachePerTokenBytes, new KvCacheTypes(KvCacheType.Q4_0, KvCacheType.F16));

        var result = await _work.RunCliAsync("plan", _work.JobPath);

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        Assert.Contains($"KV bytes per token  {perToken:N0} B", result.Stdout);
        Assert.True(perToken < model.KvCachePerTokenBytes * 2 / 3, $"{perToken} of {model.KvCachePerTokenBytes}");
        Assert.Contains("concurrency         4 sequences", result.Stdout);
        Assert.Contains("slot                256 tokens", result.Stdout);
        Assert.Contains($"KV pool             1,024 tokens = {1024.0 * perToken / (1024 * 1024):N1} MiB", result.Stdout);
        Assert.Contains("static slots", result.Stdout);
    }

    [Fact]
    public async Task JobOverItsBudget_FailsBeforeTheModelLoads_SayingByHowMuch()
    {
        _work.WriteInput([RunJobTests.Row("a", "A short document.")]);
        _work.WriteJob(extra: "kv:\n  memory_budget: 1MiB");

        var plan = await _work.RunCliAsync("plan", _work.JobPath);
        var run = await _work.RunCliAsync("run", _work.JobPath);

        foreach (var result in new[] { plan, run })
        {
            Assert.True(result.ExitCode == ExitCodes.InvalidJob, result.ToString());
            Assert.Matches("does not fit kv.memory_budget 1.0 MiB: one sequence needs [0-9.,]+ MiB .*, [0-9.,]+ MiB more than the budget", result.Stderr);
        }
        Assert.False(File.Exists(_work.OutputPath));
        Assert.DoesNotContain("model ", run.Stderr.Split('\n').Where(l => l.StartsWith("model ", StringComparison.Ordinal)));
    }
}
