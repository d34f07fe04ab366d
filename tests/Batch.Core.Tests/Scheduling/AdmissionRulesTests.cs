using Batch.Core.Scheduling;
using Batch.Testing.Builders;

namespace Batch.Core.Tests.Scheduling;

/// <summary>The hand-out order of requests no scheduler holds yet (a worker pool's queue).</summary>
public sealed class AdmissionRulesTests
{
    [Fact]
    public void PendingRequests_MostOutputWithinTheWindow_ThenTheLongerPrompt_ThenArrivalOrder()
    {
        var pending = new LinkedList<GenerationRequest>([
            Requests.Create("a", promptLength: 4, maxTokens: 2),
            Requests.Create("b", promptLength: 9, maxTokens: 6),
            Requests.Create("c", promptLength: 4, maxTokens: 6),
            Requests.Create("b-again", promptLength: 9, maxTokens: 6),
            Requests.Create("d", promptLength: 4, maxTokens: 12),
        ]);

        // b and c tie on output and b's prompt is longer; b-again ties with b but came later; d is beyond the window.
        Assert.Equal("b", AdmissionRules.Next(pending, 4)!.Value.Id.Value);
        Assert.Equal("d", AdmissionRules.Next(pending, 5)!.Value.Id.Value);
        Assert.Equal("a", AdmissionRules.Next(pending, 1)!.Value.Id.Value);
        Assert.Null(AdmissionRules.Next(new LinkedList<GenerationRequest>(), 8));
    }

    [Fact]
    public void PendingRequests_TakenOneByOne_ComeOutLongestFirst()
    {
        var pending = new LinkedList<GenerationRequest>(
            new[] { 3, 9, 1, 7, 5 }.Select(n => Requests.Create($"out-{n}", maxTokens: n)));
        var order = new List<string>();
        while (AdmissionRules.Next(pending, 64) is { } next)
        {
            pending.Remove(next);
            order.Add(next.Value.Id.Value);
        }

        Assert.Equal(["out-9", "out-7", "out-5", "out-3", "out-1"], order);
    }
}
