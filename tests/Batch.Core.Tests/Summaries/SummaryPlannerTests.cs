using Batch.Core.Jobs;
using Batch.Core.Summaries;
using Batch.Testing.Builders;

namespace Batch.Core.Tests.Summaries;

/// <summary>The map-reduce plan with one token per char: a sequence of 100 tokens, chunks of at most 60, outputs of 10.</summary>
public sealed class SummaryPlannerTests
{
    private const int Slot = 100;
    private const int Output = 10;
    private static readonly FakeTokenizer Tokenizer = new();

    [Fact]
    public void Start_DocumentThatFits_IsOneFinalRequest_WhoseOutputIsTheSummary()
    {
        var planner = Planner();
        var values = Values("A short document.");

        var start = Assert.IsType<SummaryStep.Run>(planner.Start(values, Output));

        Assert.Equal(["S:A short document."], start.Level.Prompts);
        Assert.True(start.Level.IsFinal);
        var finish = Assert.IsType<SummaryStep.Finish>(planner.Next(values, start.Level, ["  the summary \n"], Output));
        Assert.Equal("the summary", finish.Summary);
    }

    [Fact]
    public void Start_LongDocument_IsChunked_AndEveryPromptFitsWithItsOutput()
    {
        var planner = Planner();

        var start = Assert.IsType<SummaryStep.Run>(planner.Start(Values(Document(500)), Output));

        Assert.Equal(0, start.Level.Depth);
        Assert.True(start.Level.Prompts.Count >= 9, $"{start.Level.Prompts.Count} chunks");
        Assert.All(start.Level.Prompts, p => Assert.StartsWith("S:", p));
        Assert.All(start.Level.Prompts, p => Assert.True(Tokenizer.Tokenize(p, addBos: true).Length + Output <= Slot, $"{p.Length} chars"));
    }

    [Fact]
    public void Next_SummariesTooLongForOneReduce_AreChunkedAgain_UntilOneSummaryIsLeft()
    {
        var planner = Planner();
        var values = Values(Document(500));
        var levels = new List<SummaryLevel>();
        var step = planner.Start(values, Output);
        while (step is SummaryStep.Run run)
        {
            levels.Add(run.Level);
            Assert.All(run.Level.Prompts, p => Assert.True(Tokenizer.Tokenize(p, addBos: true).Length + Output <= Slot));
            var summaries = run.Level.Prompts.Select((_, i) => $"d{run.Level.Depth}c{i}".PadRight(Output, 'x')).ToArray();
            step = planner.Next(values, run.Level, summaries, Output);
        }

        var finish = Assert.IsType<SummaryStep.Finish>(step);
        Assert.Equal([0, 1, 2], levels.Select(l => l.Depth));
        Assert.True(levels[1].Prompts.Count > 1);
        Assert.All(levels[1].Prompts, p => Assert.StartsWith("R:", p));
        Assert.Single(levels[2].Prompts);
        Assert.Equal("d2c0xxxxxx", finish.Summary);
        Assert.True(levels[1].InputTokens < levels[0].InputTokens && levels[2].InputTokens < levels[1].InputTokens);
    }

    [Fact]
    public void Next_SummariesThatFitOneReduce_AreJoinedByBlankLines()
    {
        var planner = Planner();
        var values = Values(Document(150));
        var start = Assert.IsType<SummaryStep.Run>(planner.Start(values, Output));
        Assert.Equal(3, start.Level.Prompts.Count);

        var reduce = Assert.IsType<SummaryStep.Run>(planner.Next(values, start.Level, ["one ", "\ntwo", "three"], Output));

        Assert.Equal(["R:one\n\ntwo\n\nthree"], reduce.Level.Prompts);
        Assert.True(reduce.Level.IsFinal);
    }

    [Fact]
    public void Next_SummariesThatDoNotShrink_FailTheDocument()
    {
        var planner = Planner();
        var values = Values(Document(500));
        var start = Assert.IsType<SummaryStep.Run>(planner.Start(values, Output));

        var fail = Assert.IsType<SummaryStep.Fail>(planner.Next(values, start.Level, start.Level.Prompts.Select(p => p).ToArray(), Output));

        Assert.Contains("summaries do not shrink", fail.Reason);
    }

    [Fact]
    public void Start_NoRoomForAChunk_FailsTheDocument()
    {
        var planner = Planner(slot: 30);

        var fail = Assert.IsType<SummaryStep.Fail>(planner.Start(Values(Document(200)), 25));

        Assert.Contains("no room for a chunk", fail.Reason);
    }

    [Fact]
    public void Prompts_OtherFieldsAndTheSystemText_AreRenderedInEveryPrompt()
    {
        var job = JobSpecs.Create(template: "{title}: {body}", system: "Sys") with
        {
            Task = JobTask.Summarize,
            Chunking = new ChunkingOptions { Field = "body" },
            Prompt = new PromptOptions { System = "Sys", Template = "{title}: {body}", ReduceTemplate = "{title} R {summaries}" },
        };
        var prompts = new SummaryPrompts(job);
        var values = new Dictionary<string, string> { ["title"] = "T", ["body"] = "whole" };

        Assert.Equal(["title", "body"], prompts.Fields);
        Assert.Equal("Sys\n\nT: part", prompts.Map(values, "part"));
        Assert.Equal("Sys\n\nT R a\n\nb", prompts.Reduce(values, "a\n\nb"));
    }

    private static SummaryPlanner Planner(int slot = Slot)
    {
        var job = JobSpecs.Create(template: "S:{text}") with
        {
            Task = JobTask.Summarize,
            Chunking = new ChunkingOptions { MaxTokens = 60, Overlap = 0 },
            Prompt = new PromptOptions { Template = "S:{text}", ReduceTemplate = "R:{summaries}" },
        };
        return new SummaryPlanner(Tokenizer, new SummaryPrompts(job), new SummaryBudget(slot, 60, 0));
    }

    private static Dictionary<string, string> Values(string text) => new() { ["text"] = text };

    /// <summary>Sentences of 25 chars, about <paramref name="chars"/> in all.</summary>
    private static string Document(int chars) =>
        string.Concat(Enumerable.Range(0, chars / 25).Select(i => $"Sentence {i,3} is a fact. "));
}
