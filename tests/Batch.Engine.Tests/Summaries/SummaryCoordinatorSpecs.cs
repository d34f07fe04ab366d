using System.Text.Json;
using Akka.Actor;
using Akka.TestKit;
using Batch.Core.Decoding;
using Batch.Core.Jobs;
using Batch.Core.Rows;
using Batch.Core.Scheduling;
using Batch.Core.Summaries;
using Batch.Engine.Summaries;
using Batch.Engine.Tests.Workers;
using Batch.Engine.Workers;
using Batch.Testing.Builders;
using Xunit.Abstractions;

namespace Batch.Engine.Tests.Summaries;

/// <summary>
/// Chunked summaries through the real pool and workers over a scripted decoder (one token per char):
/// every document comes back exactly once, as its final summary or as one error.
/// </summary>
public sealed class SummaryCoordinatorSpecs(ITestOutputHelper output) : Akka.TestKit.Xunit2.TestKit(output: output)
{
    private const int Slot = 128;
    private const int OutputTokens = 10;
    private const int MaxInFlight = 3;
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(300);

    [Fact]
    public void Documents_ShortAndManyTimesTheSlot_EachFinishOnce_WithTheLastLevelsSummary()
    {
        var decoders = Decoders(sequenceTokens: Slot);
        var (coordinator, pool, completed) = Start(decoders);

        Submit(coordinator, pool, "short", Document(25));
        Submit(coordinator, pool, "long", Document(Slot * 5));
        Submit(coordinator, pool, "longer", Document(Slot * 8));

        var results = Enumerable.Range(0, 3).Select(_ => completed.ExpectMsg<Completion>(Wait)).ToDictionary(c => c.Id.Value);
        completed.ExpectNoMsg(Quiet);
        Assert.Equal(["long", "longer", "short"], results.Keys.Order());
        Assert.All(results.Values, c => Assert.Equal(FinishReason.Stop, c.FinishReason));
        // The echo decoder writes "sum" + the prompt's length: the short document's one prompt is BOS + "S:" + 23 chars.
        Assert.Equal("sum26", results["short"].Text);
        Assert.All(results.Values, c => Assert.Matches("^sum[0-9]+$", c.Text));
        var plans = decoders.Created.SelectMany(d => d.Plans).ToList();
        Assert.All(decoders.Created, d => Assert.Empty(d.Violations));
        Assert.All(plans, p => Assert.True(p.Items.Count <= MaxInFlight, $"{p.Items.Count} sequences in one step"));
        // Every request's tokens are in the totals: the long document needed more than one level of requests.
        var requests = decoders.Created.Sum(d => d.Plans.SelectMany(p => p.Items).Select(i => i.Sequence).Distinct().Count());
        Assert.True(requests > 1 + 5 + 1, $"{requests} requests");
        Assert.True(results["longer"].PromptTokens > Slot * 8);
        Assert.True(results["longer"].CompletionTokens > OutputTokens);
    }

    [Fact]
    public void ARequestThatFails_MakesItsDocumentOneErrorRow_AndOtherDocumentsFinish()
    {
        // The workers hold 40 tokens a sequence while the coordinator plans for 128: every chunk is rejected.
        var decoders = Decoders(sequenceTokens: 40);
        var (coordinator, pool, completed) = Start(decoders);

        Submit(coordinator, pool, "long", Document(Slot * 5));
        Submit(coordinator, pool, "short", Document(25));

        var results = Enumerable.Range(0, 2).Select(_ => completed.ExpectMsg<Completion>(Wait)).ToDictionary(c => c.Id.Value);
        completed.ExpectNoMsg(Quiet);
        Assert.Equal(FinishReason.Error, results["long"].FinishReason);
        Assert.Matches("^chunk L0\\.[0-9]+ of [0-9]+ failed: ", results["long"].Error);
        Assert.Equal(("sum26", FinishReason.Stop), (results["short"].Text, results["short"].FinishReason));
    }

    private static ScriptedDecoderFactory Decoders(int sequenceTokens) =>
        new(_ => new ScriptedDecoder(Scripts.Text(s => $"sum{s.Prompt.Count}"), new DecoderInfo(4, sequenceTokens, 32, 1024)));

    private (SummaryCoordinator Coordinator, IActorRef Pool, TestProbe Completed) Start(ScriptedDecoderFactory decoders)
    {
        var completed = CreateTestProbe();
        var job = new JobSpec
        {
            Task = JobTask.Summarize,
            Chunking = new ChunkingOptions { MaxTokens = 60, Overlap = 8 },
            Prompt = new PromptOptions { Template = "S:{text}", ReduceTemplate = "R:{summaries}" },
            Generation = new GenerationOptions { MaxTokens = OutputTokens },
        };
        var tokenizer = new FakeTokenizer();
        var planner = new SummaryPlanner(tokenizer, new SummaryPrompts(job), new SummaryBudget(Slot, 60, 8));
        var coordinator = new SummaryCoordinator(planner, new RequestBuilder(tokenizer, job.Generation, Slot), OutputTokens, MaxInFlight);
        IActorRef pool = null!;
        var callbacks = new WorkerPoolCallbacks(
            c => { foreach (var done in coordinator.Completed(c, pool)) completed.Ref.Tell(done); },
            reason => completed.Ref.Tell(reason));
        var workers = new[] { WorkerProps.Pooled(decoders, index: 0, maxSequences: 4) };
        pool = Sys.ActorOf(WorkerPoolActor.Props(workers, new WorkerPoolSettings(4) { Restart = WorkerProps.FastRestarts() }, callbacks));
        return (coordinator, pool, completed);
    }

    private static void Submit(SummaryCoordinator coordinator, IActorRef pool, string id, string document)
    {
        var row = new PreparedRow(new DocumentId(id), JsonSerializer.SerializeToElement(id), "S:" + document, [], "in.jsonl", 1,
            Values: new Dictionary<string, string> { ["text"] = document });
        Assert.Empty(coordinator.Submit(row, pool));
    }

    /// <summary>Sentences of 25 chars, about <paramref name="chars"/> in all.</summary>
    private static string Document(int chars) =>
        string.Concat(Enumerable.Range(0, Math.Max(1, chars / 25)).Select(i => $"Sentence {i,3} is a fact. ")).TrimEnd();
}
