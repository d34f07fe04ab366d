using System.Text;
using System.Text.Json;
using Batch.Llama;
using Batch.Testing;

namespace Batch.Cli.Tests.EndToEnd;

/// <summary>`task: summarize` end to end on the tiny model with a 512-token context: long documents are map-reduced, never truncated.</summary>
public sealed class SummarizeJobTests : IDisposable
{
    private const int Context = 512;
    private const string Chunked = "task: summarize\nchunking:\n  max_tokens: 192\n  overlap: 16";
    private readonly JobWorkspace _work = new();

    public void Dispose() => _work.Dispose();

    [Fact]
    public async Task ChunkedSummary_OfADocumentFiveTimesTheContext_FinishesWithOneOutputRow()
    {
        var document = LongDocument(sentences: 220);
        Assert.True(TokenCount(document) >= 5 * Context, $"the document has {TokenCount(document)} tokens");
        _work.WriteInput([RunJobTests.Row("long", document, tag: 1), RunJobTests.Row("short", "A short note about the river.", tag: 2)]);
        _work.WriteJob(generation: "max_tokens: 24", extra: Chunked);

        var result = await _work.RunCliAsync("run", _work.JobPath);

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        var rows = _work.ReadOutput().ToDictionary(r => r.GetProperty("id").GetString()!);
        Assert.Equal(["long", "short"], rows.Keys.Order());
        var summary = rows["long"];
        Assert.Equal(JsonValueKind.Null, summary.GetProperty("error").ValueKind);
        Assert.NotEqual("error", summary.GetProperty("finish_reason").GetString());
        Assert.False(string.IsNullOrEmpty(summary.GetProperty("output").GetString()));
        Assert.Equal(1, summary.GetProperty("tag").GetInt32());
        // Every chunk's prompt is counted: together they hold the whole document at least once.
        Assert.True(summary.GetProperty("prompt_tokens").GetInt32() >= TokenCount(document));
        Assert.True(summary.GetProperty("completion_tokens").GetInt32() > 24, "one request cannot have summarized it");
        Assert.True(rows["short"].GetProperty("completion_tokens").GetInt32() <= 24);

        // Run again: the checkpoint has both rows, so nothing is decoded and the output keeps one row per id.
        var again = await _work.RunCliAsync("run", _work.JobPath);

        Assert.True(again.ExitCode == ExitCodes.Ok, again.ToString());
        Assert.Contains("resumed: 2 rows were already done", again.Stderr);
        Assert.Equal(["long", "short"], _work.ReadOutput().Select(r => r.GetProperty("id").GetString()!).Order());
    }

    [Fact]
    public async Task SummaryWithoutChunking_ADocumentLongerThanTheContext_IsAnErrorRow()
    {
        _work.WriteInput([RunJobTests.Row("long", LongDocument(sentences: 220)), RunJobTests.Row("short", "A short note about the river.")]);
        _work.WriteJob(generation: "max_tokens: 24", extra: "task: summarize");

        var result = await _work.RunCliAsync("run", _work.JobPath);

        Assert.True(result.ExitCode == ExitCodes.FinishedWithFailedRows, result.ToString());
        var rows = _work.ReadOutput().ToDictionary(r => r.GetProperty("id").GetString()!);
        Assert.Equal("error", rows["long"].GetProperty("finish_reason").GetString());
        Assert.Contains("context holds", rows["long"].GetProperty("error").GetString());
        Assert.Equal(JsonValueKind.Null, rows["short"].GetProperty("error").ValueKind);
    }

    /// <summary>Paragraphs of plain sentences, seeded.</summary>
    private static string LongDocument(int sentences)
    {
        var random = new Random(5);
        string[] subjects = ["The river", "The old mill", "The council", "A young engineer", "The harbour"];
        string[] verbs = ["changed", "supported", "delayed", "rebuilt", "questioned"];
        string[] objects = ["the northern bridge", "the spring market", "the flood plans", "the new timetable"];
        var text = new StringBuilder();
        for (var i = 0; i < sentences; i++)
        {
            text.Append($"{subjects[random.Next(subjects.Length)]} {verbs[random.Next(verbs.Length)]} {objects[random.Next(objects.Length)]}.");
            text.Append(i % 6 == 5 ? "\n\n" : " ");
        }
        return text.ToString().TrimEnd();
    }

    private static int TokenCount(string text)
    {
        Assert.True(LlamaModel.TryLoad(TinyModel.Path, 1, out var vocab, out var error, vocabOnly: true), error);
        using (vocab)
        {
            return vocab!.Tokenizer.Tokenize(text, addBos: false).Length;
        }
    }
}
