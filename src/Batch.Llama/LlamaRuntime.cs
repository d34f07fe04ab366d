using System.Runtime.InteropServices;
using LLama.Native;

namespace Batch.Llama;

/// <summary>The one place that configures LLamaSharp's native library and llama.cpp's logging before first use.</summary>
public sealed class LlamaRuntime
{
    // LLamaSharp's library choice and log callback are process-global and can be configured only before the first
    // native call. The Lazy runs "install the filter, then load" exactly once, whichever thread gets here first; it
    // holds the only state of ours, and that never changes after it is created.
    private static readonly Lazy<LlamaRuntime> Loaded = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);
    private static readonly object LogGate = new();

    private LlamaRuntime(string library, bool usesCuda, string systemInfo)
    {
        Library = library;
        UsesCuda = usesCuda;
        SystemInfo = systemInfo;
    }

    /// <summary>Which native llama library was loaded (kind, AVX level, CUDA/Vulkan), as LLamaSharp describes it.</summary>
    public string Library { get; }

    /// <summary>Whether the loaded library is a CUDA build.</summary>
    public bool UsesCuda { get; }

    /// <summary>llama.cpp's own system-info line (CPU features, backends).</summary>
    public string SystemInfo { get; }

    /// <summary>Loads the native library if needed, keeping warnings and errors on stderr and dropping the rest.</summary>
    public static LlamaRuntime EnsureInitialized() => Loaded.Value;

    /// <summary>Loads the native library if needed and routes llama.cpp messages at or above <paramref name="minimumLevel"/> to <paramref name="sink"/>.</summary>
    /// <remarks>Idempotent; the latest call's filter wins (llama.cpp has one log callback per process).</remarks>
    public static LlamaRuntime EnsureInitialized(LLamaLogLevel minimumLevel, Action<LLamaLogLevel, string>? sink = null)
    {
        var runtime = Loaded.Value;
        InstallLogFilter(minimumLevel, sink);
        return runtime;
    }

    /// <inheritdoc />
    public override string ToString() => $"{Library}; {SystemInfo}";

    private static LlamaRuntime Load()
    {
        // Before the library loads, LLamaSharp stores the callback and installs it during loading, so even the
        // loader's own chatter is filtered.
        InstallLogFilter(LLamaLogLevel.Warning, sink: null);
        _ = NativeApi.llama_max_devices();
        var library = NativeApi.GetLoadedNativeLibrary(NativeLibraryName.LLama);
        var metadata = library?.Metadata;
        var description = metadata is null
            ? "llama (unknown variant)"
            : $"llama ({library!.GetType().Name}, avx: {metadata.AvxLevel}, cuda: {metadata.UseCuda}, vulkan: {metadata.UseVulkan})";
        var systemInfo = Marshal.PtrToStringUTF8(NativeApi.llama_print_system_info())?.Trim() ?? string.Empty;
        return new LlamaRuntime(description, metadata?.UseCuda ?? false, systemInfo);
    }

    private static void InstallLogFilter(LLamaLogLevel minimumLevel, Action<LLamaLogLevel, string>? sink)
    {
        var filter = new LogFilter(minimumLevel, sink ?? WriteToStandardError);
        lock (LogGate)
        {
            NativeLogConfig.llama_log_set(filter.Log);
        }
    }

    private static void WriteToStandardError(LLamaLogLevel level, string message) => Console.Error.Write(message);

    /// <summary>Drops messages below a level; continuation pieces inherit the level of the message they continue.</summary>
    private sealed class LogFilter(LLamaLogLevel minimumLevel, Action<LLamaLogLevel, string> sink)
    {
        private int _lastLevel = (int)LLamaLogLevel.Info;

        public void Log(LLamaLogLevel level, string message)
        {
            if (level == LLamaLogLevel.Continue)
            {
                level = (LLamaLogLevel)Volatile.Read(ref _lastLevel);
            }
            else
            {
                Volatile.Write(ref _lastLevel, (int)level);
            }

            if (level >= minimumLevel && level <= LLamaLogLevel.Error && level != LLamaLogLevel.None)
            {
                sink(level, message);
            }
        }
    }
}
