namespace Batch.Engine.Workers;

/// <summary>The failure a <see cref="WorkerFaultInjection"/> asks for (testing only), thrown in place of a decode step.</summary>
public sealed class InjectedFaultException(int workerIndex, int step)
    : Exception($"injected fault (testing only): worker {workerIndex} failed at decode step {step}, as the job's fault injection asks");
