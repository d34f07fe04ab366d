using System.Diagnostics;

namespace Batch.Cli.Bench;

/// <summary>The process's peak resident memory, resettable on Linux so each run reports its own peak.</summary>
public static class PeakMemory
{
    // Writing "5" to clear_refs resets the kernel's peak-RSS high-water mark (VmHWM, which
    // PeakWorkingSet64 reads) to the current RSS. Elsewhere the peak stays the process's lifetime peak.
    private const string ClearRefs = "/proc/self/clear_refs";

    /// <summary>Collects garbage and starts a new peak; false where the platform keeps a lifetime peak.</summary>
    public static bool Reset()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        if (!OperatingSystem.IsLinux()) return false;
        try
        {
            File.WriteAllText(ClearRefs, "5");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Peak resident bytes since the last successful <see cref="Reset"/> (else since the process started).</summary>
    public static long PeakResidentBytes()
    {
        using var process = Process.GetCurrentProcess();
        return process.PeakWorkingSet64;
    }
}
