using Batch.Core.Jobs;

namespace Batch.Cli.Tests.Jobs;

/// <summary>What <c>task: summarize</c> adds to the job file: <c>task</c>, <c>chunking</c> and <c>prompt.reduce_template</c>.</summary>
public sealed class SummarizeJobFileTests
{
    private const string Input = "input: {paths: [a.jsonl]}\n";
    private const string Summarize = Input + "task: summarize\n";

    [Fact]
    public void Load_Defaults_GenerateWithoutChunking()
    {
        var job = TempJobFile.Job(Input);

        Assert.Equal((JobTask.Generate, null, PromptOptions.DefaultReduceTemplate), (job.Task, job.Chunking, job.Prompt.ReduceTemplate));
        Assert.False(job.IsChunkedSummary);
    }

    [Fact]
    public void Load_SummarizeWithChunking_ReadsEveryKey()
    {
        var job = TempJobFile.Job(Summarize + """
            model: {context: 1024}
            prompt: {template: "{title}: {body}", reduce_template: "{title}: {summaries}"}
            generation: {max_tokens: 64}
            chunking: {field: body, max_tokens: 512, overlap: 32}
            """);

        Assert.Equal(JobTask.Summarize, job.Task);
        Assert.Equal(new ChunkingOptions { Field = "body", MaxTokens = 512, Overlap = 32 }, job.Chunking);
        Assert.Equal("{title}: {summaries}", job.Prompt.ReduceTemplate);
        Assert.True(job.IsChunkedSummary);
    }

    [Fact]
    public void Load_ChunkingSectionWithDefaults_IsChunked() =>
        Assert.Equal(new ChunkingOptions(), TempJobFile.Job(Summarize + "chunking: {}\n").Chunking);

    [Theory]
    [InlineData("unknown task", Input + "task: translate\n", 2, 7, "task must be generate, classify or summarize, got 'translate'")]
    [InlineData("chunking without summarize", Input + "chunking: {max_tokens: 512}\n", 2, 11, "chunking is only for task: summarize")]
    [InlineData("unknown chunking key", Summarize + "chunking: {size: 512}\n", 3, 12, "unknown key 'size' in chunking")]
    [InlineData("max_tokens small", Summarize + "chunking: {max_tokens: 8}\n", 3, 24, "chunking.max_tokens must be between 16 and 1048576, got 8")]
    [InlineData("overlap negative", Summarize + "chunking: {overlap: -1}\n", 3, 21, "chunking.overlap must be between 0 and 1048576, got -1")]
    [InlineData("overlap too big", Summarize + "chunking: {max_tokens: 512, overlap: 512}\n", 3, 38, "chunking.overlap (512) must be less than chunking.max_tokens (512)")]
    [InlineData("summaries cannot shrink", Summarize + "generation: {max_tokens: 256}\nchunking: {max_tokens: 512, overlap: 64}\n", 4, 24,
        "chunking.max_tokens (512) must be at least twice chunking.overlap + generation.max_tokens (64 + 256)")]
    [InlineData("no room in the context", Summarize + "model: {context: 512}\nchunking: {max_tokens: 512, overlap: 0}\n", 4, 24,
        "chunking.max_tokens + generation.max_tokens (512 + 256) must leave room in model.context (512)")]
    [InlineData("empty field", Summarize + "chunking: {field: ''}\n", 3, 19, "chunking.field: must not be empty")]
    [InlineData("template without the field", Summarize + "prompt: {template: 'Sum: {body}'}\nchunking: {}\n", 3, 20,
        "prompt.template does not use {text}, the document field of chunking.field")]
    [InlineData("reduce without summaries", Summarize + "prompt: {reduce_template: 'Combine {text}'}\nchunking: {}\n", 3, 27,
        "prompt.reduce_template must place the chunk summaries with {summaries}")]
    [InlineData("reduce template broken", Summarize + "prompt: {reduce_template: 'Combine {summaries'}\nchunking: {}\n", 3, 27, "prompt.reduce_template: ")]
    [InlineData("reduce without chunking", Summarize + "prompt: {reduce_template: '{summaries}'}\n", 3, 27,
        "prompt.reduce_template is only used with task: summarize and a chunking section")]
    public void Load_InvalidSummarizeJob_ReportsErrorAtNode(string kind, string yaml, int line, int column, string message)
    {
        var errors = TempJobFile.Errors(yaml);

        var error = Assert.Single(errors);
        Assert.True((line, column) == (error.Line, error.Column) && error.Message.Contains(message, StringComparison.Ordinal),
            $"{kind}: expected {line}:{column} '{message}', got {error}");
    }
}
