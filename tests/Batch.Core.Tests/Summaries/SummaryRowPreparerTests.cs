using Batch.Core.Jobs;
using Batch.Core.Rows;
using Batch.Testing.Builders;

namespace Batch.Core.Tests.Summaries;

/// <summary>The row preparer for chunked summaries: it keeps the field values both prompts need.</summary>
public sealed class SummaryRowPreparerTests
{
    private static readonly JobSpec Job = JobSpecs.Create(template: "{title}: {body}") with
    {
        Task = JobTask.Summarize,
        Chunking = new ChunkingOptions { Field = "body" },
        Prompt = new PromptOptions { Template = "{title}: {body}", ReduceTemplate = "{summaries} ({lang})" },
    };

    [Fact]
    public void Prepare_ChunkedSummary_KeepsTheTextOfEveryFieldEitherPromptUses()
    {
        var row = new RowPreparer(Job).Prepare(Records.Json("""{"id": "a", "title": "T", "body": "B", "lang": 7, "other": 1}""")).Row!;

        Assert.Equal(new Dictionary<string, string> { ["title"] = "T", ["body"] = "B", ["lang"] = "7" }, row.Values);
        Assert.Equal("T: B", row.Prompt);
    }

    [Fact]
    public void Prepare_ChunkedSummary_AFieldOnlyTheReduceTemplateUses_IsRequired()
    {
        var failure = new RowPreparer(Job).Prepare(Records.Json("""{"id": "a", "title": "T", "body": "B"}""")).Failure!;

        Assert.Equal("in.jsonl:1: missing field 'lang'", failure.Error);
    }

    [Fact]
    public void Prepare_WithoutChunking_KeepsNoValues() =>
        Assert.Null(new RowPreparer(Job with { Chunking = null }).Prepare(Records.Json("""{"id": "a", "title": "T", "body": "B"}""")).Row!.Values);
}
