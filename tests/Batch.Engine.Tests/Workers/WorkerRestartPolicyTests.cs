using Batch.Engine.Workers;

namespace Batch.Engine.Tests.Workers;

public sealed class WorkerRestartPolicyTests
{
    [Fact]
    public void BackoffAfter_DoublesFromTheMinimum_UpToTheMaximum()
    {
        var policy = WorkerRestartPolicy.Default;

        var waits = Enumerable.Range(1, 9).Select(n => policy.BackoffAfter(n).TotalSeconds);

        Assert.Equal([0.5, 1, 2, 4, 8, 16, 30, 30, 30], waits);
        Assert.Equal(policy.MaxBackoff, policy.BackoffAfter(10_000));
    }

    [Fact]
    public void AllowsRestart_UpToMaxRestartsFailuresWithinTheWindow()
    {
        var policy = WorkerRestartPolicy.Default with { MaxRestarts = 3 };

        Assert.Equal([true, true, true, false], Enumerable.Range(1, 4).Select(policy.AllowsRestart));
    }

    [Fact]
    public void FaultInjection_TargetsTheChosenWorkersFirstIncarnationsOnly()
    {
        var injection = new WorkerFaultInjection(WorkerIndex: 1, FailAtStep: 5, Times: 2);

        Assert.Equal([false, true, true, false], new[] { (0, 1), (1, 1), (1, 2), (1, 3) }.Select(w => injection.Targets(w.Item1, w.Item2)));
    }
}
