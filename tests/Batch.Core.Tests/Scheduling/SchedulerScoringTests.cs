using Batch.Core.Decoding;
using Batch.Core.Rows;
using Batch.Core.Scheduling;
using Batch.Testing.Builders;

namespace Batch.Core.Tests.Scheduling;

public sealed class SchedulerScoringTests
{
    private static readonly int[][] Labels = [[7], [8, 9, 10], [11, 12], [13]];

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Scoring_SumsEachLabelsLogProbabilitiesAfterThePrompt(bool sharePrompt)
    {
        var h = new SchedulerHarness(maxBatchTokens: 8);
        h.Enqueue(Scoring("a", promptLength: 11, sharePrompt));

        var completion = Assert.Single(h.RunToCompletion());

        Assert.Equal(FinishReason.Stop, completion.FinishReason);
        Assert.Equal(Reference(Requests.Prompt(11), Labels), completion.LabelLogProbabilities!, Tolerance());
        Assert.Equal((11, 0), (completion.PromptTokens, completion.CompletionTokens));
    }

    [Fact]
    public void SharedPrompt_FeedsThePromptOnce_SeparateFeedsItPerLabel()
    {
        var shared = new SchedulerHarness();
        shared.Enqueue(Scoring("a", promptLength: 10, sharePrompt: true));
        shared.RunToCompletion();
        var separate = new SchedulerHarness();
        separate.Enqueue(Scoring("a", promptLength: 10, sharePrompt: false));
        separate.RunToCompletion();

        // Shared: the prompt, then all but the last token of each multi-token label (2 + 1).
        Assert.Equal(10 + 3, shared.Plans.Sum(p => p.TokenCount));
        // Separate: prompt + all but the last label token, once per label.
        Assert.Equal(Labels.Sum(l => 10 + l.Length - 1), separate.Plans.Sum(p => p.TokenCount));
        Assert.All(shared.Plans.SelectMany(p => p.Items), i => Assert.False(i.WantsToken));
    }

    [Fact]
    public void Scoring_BetweenLabels_CutsTheSlotBackToThePromptsEnd()
    {
        var h = new SchedulerHarness();
        h.Enqueue(Scoring("a", promptLength: 6, sharePrompt: true));

        h.RunToCompletion();

        var trims = h.Plans.SelectMany(p => p.Trimmed).ToArray();
        Assert.Equal(2, trims.Length);   // before the second multi-token label, and after the last (released)
        Assert.All(trims, t => Assert.Equal(6, t.KeepTokens));
    }

    [Fact]
    public void Scoring_AndGeneration_ShareSteps()
    {
        var h = new SchedulerHarness(maxSequences: 4, maxBatchTokens: 64);
        h.Enqueue(Requests.Create("g1", promptLength: 5, maxTokens: 6));
        h.Enqueue(Scoring("c1", promptLength: 9, sharePrompt: true));
        h.Enqueue(Requests.Create("g2", promptLength: 3, maxTokens: 4));
        h.Enqueue(Scoring("c2", promptLength: 4, sharePrompt: false));

        var done = h.RunToCompletion();

        Assert.Equal(4, done.Count);
        Assert.Equal(6, h.CompletionOf("g1").CompletionTokens);
        Assert.Null(h.CompletionOf("g1").LabelLogProbabilities);
        Assert.Equal(Reference(Requests.Prompt(9), Labels), h.CompletionOf("c1").LabelLogProbabilities!, Tolerance());
        Assert.Equal(Reference(Requests.Prompt(4), Labels), h.CompletionOf("c2").LabelLogProbabilities!, Tolerance());
        Assert.Contains(h.Plans, p => p.Items.Any(i => i.WantsToken) && p.Items.Any(i => i.Scores.Count > 0));
    }

    [Fact]
    public void Scoring_PreemptedMidway_StartsOverAndGivesTheSameSums()
    {
        // 7 blocks of 4: two 13-token scoring rows (peak 14 + 1 → 4 blocks each) cannot both stay.
        var h = new SchedulerHarness(maxSequences: 2, maxBatchTokens: 8, blockCount: 7, blockSize: 4, noKvSlotWhen: call => call == 3);
        h.Enqueue(Scoring("a", promptLength: 12, sharePrompt: true));
        h.Enqueue(Scoring("b", promptLength: 12, sharePrompt: false));

        h.RunToCompletion();

        Assert.True(h.Scheduler.PreemptionCount >= 1);
        Assert.Equal(Reference(Requests.Prompt(12), Labels), h.CompletionOf("a").LabelLogProbabilities!, Tolerance());
        Assert.Equal(Reference(Requests.Prompt(12), Labels), h.CompletionOf("b").LabelLogProbabilities!, Tolerance());
    }

    [Fact]
    public void Scoring_RowWhoseLongestLabelOverflowsTheContext_IsRejected()
    {
        var h = new SchedulerHarness(maxSequenceTokens: 12);

        Assert.False(h.TryEnqueue(Scoring("a", promptLength: 10, sharePrompt: true), out _, out var error));
        Assert.Contains("longest label", error);
    }

    private static GenerationRequest Scoring(string id, int promptLength, bool sharePrompt) =>
        new(new DocumentId(id), Requests.Prompt(promptLength), 1, SamplingOptions.Greedy, [])
        {
            Scoring = new LabelScoring(Labels, sharePrompt),
        };

    // What scoring each label alone, token by token after the prompt, gives.
    private static double[] Reference(int[] prompt, int[][] labels) =>
        labels.Select(label => label.Select((token, i) =>
            (double)ScriptedDecoder.LogProbability(prompt.Concat(label.Take(i)).ToArray(), token)).Sum()).ToArray();

    private static IEqualityComparer<double> Tolerance() =>
        EqualityComparer<double>.Create((x, y) => Math.Abs(x - y) < 1e-5, _ => 0);
}
