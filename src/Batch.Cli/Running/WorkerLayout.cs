using Batch.Core.Jobs;
using Batch.Llama;

namespace Batch.Cli.Running;

/// <summary>How many workers run and with how many threads each, checked against the machine.</summary>
public sealed record WorkerLayout(int Count, int ThreadsPerWorker, IReadOnlyList<int> GpuDevices)
{
    /// <summary>The layout, or why it cannot run here (oversubscribed cores, GPUs without a GPU build).</summary>
    public static bool TryCreate(JobSpec job, int cores, out WorkerLayout? layout, out string? error)
    {
        layout = null;
        var devices = job.Workers.Devices;
        if (devices.Count > 0)
        {
            var runtime = LlamaRuntime.EnsureInitialized();
            if (!runtime.UsesCuda)
            {
                // Backend selection falls back to CPU silently when CUDA is missing: refuse instead of crawling.
                error = $"the job names GPU devices ({string.Join(", ", devices)}) but the loaded llama library is a CPU build "
                    + $"({runtime.Library}); build with -p:LlamaBackend=Cuda12 on a machine with the CUDA 12 runtime";
                return false;
            }
            var gpus = devices.Select(d => int.Parse(d["cuda:".Length..], System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            layout = new WorkerLayout(gpus.Length, Math.Max(1, job.Model.Threads), gpus);
            error = null;
            return true;
        }
        var count = job.Workers.Cpu;
        var total = job.Model.Threads > 0 ? job.Model.Threads : cores;
        var perWorker = job.Workers.ThreadsPerWorker > 0 ? job.Workers.ThreadsPerWorker : Math.Max(1, total / count);
        if (count * perWorker > cores)
        {
            error = $"workers.cpu {count} × {perWorker} threads = {count * perWorker} threads on {cores} cores: "
                + "more threads than cores slows llama.cpp down by orders of magnitude; lower workers.cpu or workers.threads_per_worker";
            return false;
        }
        layout = new WorkerLayout(count, perWorker, []);
        error = null;
        return true;
    }
}
