namespace Batch.Core.Jobs;

/// <summary>The <c>workers</c> section: how many workers decode, and on what.</summary>
public sealed record WorkersOptions
{
    /// <summary>CPU workers, each with its own llama.cpp context (ignored when <see cref="Devices"/> is set).</summary>
    public int Cpu { get; init; } = 1;

    /// <summary>Threads per CPU worker; 0 = the model's threads split evenly between the workers.</summary>
    public int ThreadsPerWorker { get; init; }

    /// <summary>GPU devices (<c>cuda:0</c>, <c>cuda:1</c>…), one worker each; needs the CUDA backend build.</summary>
    public IReadOnlyList<string> Devices { get; init; } = [];

    /// <summary>Decode through LLamaSharp's Decode and its process-wide lock (for comparison benchmarks only).</summary>
    public bool LockedDecode { get; init; }

    /// <summary>For testing only: make worker <c>FaultWorker</c> fail at decode step <c>FaultAtStep</c>, <c>FaultTimes</c> times.</summary>
    public int? FaultWorker { get; init; }
    public int FaultAtStep { get; init; } = 1;
    public int FaultTimes { get; init; } = 1;
}
