using Batch.Llama;
using Batch.Llama.Synthetic;
using LLama;
using LLama.Common;

namespace Batch.Testing;

/// <summary>The synthetic tiny model, generated at most once per test process (and shared across processes on disk).</summary>
public static class TinyModel
{
    /// <summary>The seed every test uses, so failures reproduce.</summary>
    public const ulong Seed = SyntheticModelSpec.DefaultSeed;

    /// <summary>The tiny shape with 64-wide attention heads (two of them), the width llama.cpp's quantized caches rotate.</summary>
    public static SyntheticPreset WideHeadPreset { get; } = SyntheticPreset.Tiny with { Name = "tiny-h64", HeadCount = 2, KvHeadCount = 2 };

    private static readonly Lazy<string> F16 = new(() => Create(SyntheticQuantization.F16));
    private static readonly Lazy<string> Q8 = new(() => Create(SyntheticQuantization.Q8_0));
    private static readonly Lazy<string> WideHeads = new(() => Create(WideHeadPreset, SyntheticQuantization.F16));

    /// <summary>The tiny model's shape.</summary>
    public static SyntheticPreset Preset => SyntheticPreset.Tiny;

    /// <summary>The F16 model of <see cref="WideHeadPreset"/>.</summary>
    public static string WideHeadPath => WideHeads.Value;

    /// <summary>The F16 tiny model's file.</summary>
    public static string Path => F16.Value;

    /// <summary>The tiny model quantized to Q8_0.</summary>
    public static string Q8_0Path => Q8.Value;

    /// <summary>
    /// A folder per build of the generator: the deterministic build's module id changes exactly when the generator's
    /// code does, so a stale model is never reused and concurrent test processes share one copy.
    /// </summary>
    public static string CacheFolder { get; } = System.IO.Path.Combine(
        System.IO.Path.GetTempPath(),
        "batch-tests",
        $"models-{typeof(SyntheticModelWriter).Assembly.ManifestModule.ModuleVersionId:N}");

    /// <summary>Loads the F16 tiny model on the CPU; the caller disposes it.</summary>
    public static LLamaWeights LoadWeights(uint contextSize = 512)
    {
        LlamaRuntime.EnsureInitialized();
        return LLamaWeights.LoadFromFile(Parameters(contextSize));
    }

    /// <summary>Loads the model of <see cref="WideHeadPreset"/>.</summary>
    public static LLamaWeights LoadWideHeadWeights(uint contextSize = 512)
    {
        LlamaRuntime.EnsureInitialized();
        return LLamaWeights.LoadFromFile(Parameters(contextSize) with { ModelPath = WideHeadPath });
    }

    /// <summary>Model and context parameters for the F16 tiny model on the CPU with one thread.</summary>
    public static ModelParams Parameters(uint contextSize = 512) => new(Path)
    {
        ContextSize = contextSize,
        GpuLayerCount = 0,
        Threads = 1,
        BatchThreads = 1,
    };

    private static string Create(SyntheticQuantization quantization) => Create(Preset, quantization);

    private static string Create(SyntheticPreset preset, SyntheticQuantization quantization)
    {
        var cache = new SyntheticModelCache(CacheFolder, new SyntheticModelWriter(quantizeThreadCount: 1));
        return cache.GetOrCreate(new SyntheticModelSpec(preset, quantization, Seed));
    }
}
