using Batch.Cli.Jobs;
using Batch.Core.Jobs;

namespace Batch.Cli.Tests.Jobs;

public sealed class JobFileLoaderTests
{
    private const string FullJob = """
        version: 1
        model:
          path: models/qwen.gguf
          context: 4096
          threads: 4
        input:
          paths: [data/*.jsonl, extra/more.jsonl]
          id: doc_id
          fields: [title, body]
        prompt:
          system: "You are a careful analyst."
          template: |
            Title: {title}
            {body} {{literal}}
        generation:
          max_tokens: 128
          temperature: 0.7
          top_k: 20
          top_p: 0.9
          min_p: 0.1
          repeat_penalty: 1.1
          seed: 4294967295
          stop: ["\n\n", "END"]
          ignore_eos: true
        output:
          path: out/summaries.jsonl
          carry: [title]
        scheduler:
          max_sequences: 32
          max_batch_tokens: 1024
        """;

    [Fact]
    public void Load_FullJob_ReadsEveryKey()
    {
        using var file = new TempJobFile(FullJob);

        var result = file.Load();

        Assert.True(result.IsSuccess, string.Join("\n", result.Errors));
        var job = result.Job;
        Assert.Equal(1, job.Version);
        Assert.Equal(new ModelOptions { Path = "models/qwen.gguf", Context = 4096, Threads = 4 }, job.Model);
        Assert.Equal(["data/*.jsonl", "extra/more.jsonl"], job.Input.Paths);
        Assert.Equal("doc_id", job.Input.Id);
        Assert.Equal(["title", "body"], job.Input.Fields);
        Assert.Equal("You are a careful analyst.", job.Prompt.System);
        Assert.Equal("Title: {title}\n{body} {{literal}}\n", job.Prompt.Template);
        var generation = job.Generation;
        Assert.Equal(128, generation.MaxTokens);
        Assert.Equal(0.7f, generation.Temperature);
        Assert.Equal(20, generation.TopK);
        Assert.Equal(0.9f, generation.TopP);
        Assert.Equal(0.1f, generation.MinP);
        Assert.Equal(1.1f, generation.RepeatPenalty);
        Assert.Equal(uint.MaxValue, generation.Seed);
        Assert.Equal(["\n\n", "END"], generation.Stop);
        Assert.True(generation.IgnoreEos);
        Assert.Equal("out/summaries.jsonl", job.Output.Path);
        Assert.Equal(["title"], job.Output.Carry);
        Assert.Equal(new SchedulerOptions { MaxSequences = 32, MaxBatchTokens = 1024 }, job.Scheduler);
        Assert.Equal(file.Folder, job.BaseDirectory);
    }

    [Fact]
    public void Load_MinimalJob_FillsEveryDefault()
    {
        var job = TempJobFile.Job(TempJobFile.MinimalYaml);

        var expected = new JobSpec { Input = new InputOptions { Paths = ["data.jsonl"] }, BaseDirectory = job.BaseDirectory };
        Assert.Equal(1, job.Version);
        Assert.Equal(expected.Model, job.Model);
        Assert.Equal(expected.Prompt, job.Prompt);
        Assert.Equal(expected.Output.Path, job.Output.Path);
        Assert.Empty(job.Output.Carry);
        Assert.Equal(expected.Scheduler, job.Scheduler);
        Assert.Equal("id", job.Input.Id);
        Assert.Empty(job.Input.Fields);
        var defaults = new GenerationOptions();
        Assert.Equal(
            (defaults.MaxTokens, defaults.Temperature, defaults.TopK, defaults.TopP, defaults.MinP, defaults.RepeatPenalty, defaults.Seed, defaults.IgnoreEos),
            (job.Generation.MaxTokens, job.Generation.Temperature, job.Generation.TopK, job.Generation.TopP, job.Generation.MinP,
                job.Generation.RepeatPenalty, job.Generation.Seed, job.Generation.IgnoreEos));
        Assert.Empty(job.Generation.Stop);
    }

    [Fact]
    public void Load_NullValuesAndEmptySections_TakeDefaults()
    {
        var job = TempJobFile.Job("""
            version: ~
            model:
            input:
              paths: data.jsonl
              id: null
            generation:
              max_tokens:
              stop: ~
            """);

        Assert.Equal(1, job.Version);
        Assert.Equal(new ModelOptions(), job.Model);
        Assert.Equal(["data.jsonl"], job.Input.Paths);
        Assert.Equal("id", job.Input.Id);
        Assert.Equal(256, job.Generation.MaxTokens);
        Assert.Empty(job.Generation.Stop);
    }

    [Theory]
    [InlineData("q4_0/f16", "q4_0/f16")]
    [InlineData("Q8_0", "q8_0")]
    [InlineData("q8_0/q8_0", "q8_0")]
    public void Load_KvCacheType_IsOneTypeOrAKeysValuesPair_InOneSpelling(string written, string read)
    {
        using var file = new TempJobFile($"input: {{paths: [a.jsonl]}}\nkv: {{cache_type: {written}}}\n");

        var result = file.Load();

        Assert.True(result.IsSuccess, string.Join("\n", result.Errors));
        Assert.Equal(read, result.Job.Kv.CacheType.Name);
    }

    [Fact]
    public void Load_SinglePathString_IsAOneItemList()
    {
        var job = TempJobFile.Job("input:\n  paths: data/*.jsonl\n");

        Assert.Equal(["data/*.jsonl"], job.Input.Paths);
    }

    [Theory]
    [InlineData("synthetic:tiny")]
    [InlineData("synthetic:small")]
    [InlineData("synthetic:bench")]
    [InlineData("/abs/model.GGUF")]
    public void Load_ValidModelPath_IsAccepted(string path)
    {
        var job = TempJobFile.Job($"model: {{path: '{path}'}}\n{TempJobFile.MinimalYaml}");

        Assert.Equal(path, job.Model.Path);
    }

    [Fact]
    public void Load_TemplateUsingOnlyListedFields_IsValid()
    {
        var job = TempJobFile.Job("input: {paths: [a.jsonl], fields: [a, b]}\nprompt: {template: '{a} and {b} and {a}'}\n");

        Assert.Equal("{a} and {b} and {a}", job.Prompt.Template);
    }

    [Fact]
    public void Load_MissingFile_NamesTheFile()
    {
        var path = Path.Combine(Path.GetTempPath(), "batch-job-tests", Guid.NewGuid().ToString("N"), "nope.yaml");

        var result = JobFileLoader.Load(path);

        var error = Assert.Single(result.Errors);
        Assert.Equal(path, error.File);
        Assert.Equal((0, 0), (error.Line, error.Column));
        Assert.Contains("nope.yaml", error.Message, StringComparison.Ordinal);
        Assert.Contains("does not exist", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_Folder_IsAClearError()
    {
        using var file = new TempJobFile(TempJobFile.MinimalYaml);

        var error = Assert.Single(JobFileLoader.Load(file.Folder).Errors);

        Assert.Contains("is a folder", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_Error_CarriesTheFilePathAsGiven()
    {
        using var file = new TempJobFile("input: {paths: []}\n");

        var error = Assert.Single(file.Load().Errors);

        Assert.Equal(file.FilePath, error.File);
        Assert.Equal($"{file.FilePath}:1:16: {error.Message}", error.ToString());
    }

    [Fact]
    public void Parse_InMemoryYaml_UsesTheGivenBaseDirectory()
    {
        var folder = Path.GetTempPath();

        var result = JobFileLoader.Parse(TempJobFile.MinimalYaml, "inline.yaml", folder);

        Assert.True(result.IsSuccess);
        Assert.Equal(Path.GetFullPath(folder), result.Job.BaseDirectory);
    }
}
