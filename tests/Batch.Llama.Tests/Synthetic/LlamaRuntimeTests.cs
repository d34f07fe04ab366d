using System.Collections.Concurrent;
using Batch.Testing;
using LLama.Native;

namespace Batch.Llama.Tests.Synthetic;

public sealed class LlamaRuntimeTests
{
    [Fact]
    public void EnsureInitialized_FromManyThreads_LoadsOnceAndNamesTheLibrary()
    {
        var runtimes = Enumerable.Range(0, 8).AsParallel().Select(_ => LlamaRuntime.EnsureInitialized()).ToArray();

        Assert.Single(runtimes.Distinct());
        Assert.StartsWith("llama (", runtimes[0].Library);
        Assert.False(runtimes[0].UsesCuda);
        Assert.NotEmpty(runtimes[0].SystemInfo);
    }

    [Fact]
    public void EnsureInitialized_WithWarningLevel_DropsInfoAndDebugMessages()
    {
        var verbose = new ConcurrentQueue<LLamaLogLevel>();
        var quiet = new ConcurrentQueue<LLamaLogLevel>();
        try
        {
            LlamaRuntime.EnsureInitialized(LLamaLogLevel.Debug, (level, _) => verbose.Enqueue(level));
            TinyModel.LoadWeights().Dispose();
            LlamaRuntime.EnsureInitialized(LLamaLogLevel.Warning, (level, _) => quiet.Enqueue(level));
            TinyModel.LoadWeights().Dispose();
        }
        finally
        {
            LlamaRuntime.EnsureInitialized(LLamaLogLevel.Warning);
        }

        Assert.Contains(LLamaLogLevel.Info, verbose);
        Assert.All(quiet, level => Assert.True(level >= LLamaLogLevel.Warning, level.ToString()));
    }
}
