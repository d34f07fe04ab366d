using Batch.Cli.Bench;
using Batch.Llama;
using Batch.Testing;

namespace Batch.Cli.Tests.Bench;

/// <summary>Generated and loaded benchmark workloads, tokenized by the tiny model.</summary>
public sealed class WorkloadTests : IDisposable
{
    private readonly LlamaModel _model;
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "batch-bench-tests", Guid.NewGuid().ToString("N"));

    public WorkloadTests()
    {
        Assert.True(LlamaModel.TryLoad(TinyModel.Path, 1, out var model, out var error), error);
        _model = model!;
        Directory.CreateDirectory(_folder);
    }

    public void Dispose()
    {
        _model.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public void Generated_HasTheAskedShape()
    {
        var workload = new WorkloadGenerator(_model.Tokenizer).Generate(new WorkloadShape(Rows: 9, PromptTokens: 70, OutputTokens: 13, SharedPrefixTokens: 30), seed: 5);

        Assert.Equal(9, workload.Rows.Count);
        Assert.All(workload.Rows, r => Assert.Equal(70, r.PromptTokens.Length));
        Assert.All(workload.Rows, r => Assert.Equal(13, r.MaxTokens));
        Assert.Equal(30, workload.SharedPrefixTokens);
        Assert.Equal(9, workload.Rows.Select(r => r.Id).Distinct().Count());
        Assert.Equal(256, workload.SlotTokens);
        Assert.Equal(9 * 70, workload.PromptTokens);
        Assert.Equal(9 * 13, workload.GeneratedTokens);
    }

    [Fact]
    public void Generated_WithoutPrefix_SharesOnlyTheBos_AndTheSeedReproducesIt()
    {
        var generator = new WorkloadGenerator(_model.Tokenizer);
        var shape = new WorkloadShape(Rows: 5, PromptTokens: 300, OutputTokens: 2, SharedPrefixTokens: 0);

        var first = generator.Generate(shape, seed: 1);
        var again = generator.Generate(shape, seed: 1);
        var other = generator.Generate(shape, seed: 2);

        Assert.True(first.SharedPrefixTokens <= 1, $"shared {first.SharedPrefixTokens}");
        Assert.Equal(first.Rows.Select(r => r.PromptTokens), again.Rows.Select(r => r.PromptTokens));
        Assert.NotEqual(first.Rows.Select(r => r.PromptTokens), other.Rows.Select(r => r.PromptTokens));
        Assert.Equal(512, first.SlotTokens);   // 302 cells rounded up to 256s
    }

    [Fact]
    public void Loaded_BadRow_IsAnErrorNamingItsLine()
    {
        var path = Path.Combine(_folder, "bad.jsonl");
        File.WriteAllLines(path, ["""{"id": "a", "prompt": "fine", "max_tokens": 4}""", """{"id": "b", "prompt": "no limit"}"""]);

        Assert.False(WorkloadLoader.TryLoad(path, _model.Tokenizer, out _, out var error));

        Assert.Contains("bad.jsonl:2:", error);
        Assert.Contains("max_tokens", error);
    }

    [Fact]
    public void Loaded_PromptsAreTokenizedWithBos_LikeBatchRun()
    {
        var path = Path.Combine(_folder, "ok.jsonl");
        File.WriteAllLines(path, ["""{"id": "a", "prompt": "Hello there.", "max_tokens": 4}"""]);

        Assert.True(WorkloadLoader.TryLoad(path, _model.Tokenizer, out var workload, out var error), error);

        Assert.Equal(_model.Tokenizer.Tokenize("Hello there.", addBos: true), workload!.Rows.Single().PromptTokens);
    }
}
