using System.Diagnostics;
using System.Numerics;
using System.Runtime.InteropServices;

namespace Batch.Cli.Bench;

/// <summary>
/// Measures streaming read bandwidth: vector sums over a buffer much larger than the caches,
/// split across the same number of threads llama.cpp gets, best of a few passes. Decoding one
/// token at batch 1 reads every weight once, so bandwidth ÷ model bytes bounds batch-1 tokens/s.
/// </summary>
public static class MemoryBandwidthProbe
{
    /// <summary>The default buffer: far larger than any L3 cache, so every pass streams from memory.</summary>
    public const long DefaultBufferBytes = 512L * 1024 * 1024;

    /// <summary>Bytes per second read, the best of <paramref name="passes"/> passes.</summary>
    public static unsafe double MeasureBytesPerSecond(long bufferBytes, int threads, int passes = 5)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        var chunkBytes = bufferBytes / threads / Vector<byte>.Count * Vector<byte>.Count;
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkBytes, Vector<byte>.Count * 4L, nameof(bufferBytes));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(chunkBytes, int.MaxValue, nameof(bufferBytes));
        var totalBytes = chunkBytes * threads;
        var buffer = (nint)NativeMemory.AlignedAlloc((nuint)totalBytes, 64);
        try
        {
            // Touch every page first, so the passes measure reads rather than page faults.
            NativeMemory.Fill((void*)buffer, (nuint)totalBytes, 1);
            var best = double.MaxValue;
            var sums = new ulong[threads];
            var parallel = new ParallelOptions { MaxDegreeOfParallelism = threads };
            for (var pass = 0; pass < passes; pass++)
            {
                var clock = Stopwatch.StartNew();
                Parallel.For(0, threads, parallel, i => sums[i] = Sum(buffer + (nint)(i * chunkBytes), (int)chunkBytes));
                best = Math.Min(best, clock.Elapsed.TotalSeconds);
            }
            // The sums are checked so the reads cannot be optimized away: every byte is 1.
            if (sums.Any(s => s == 0)) throw new InvalidOperationException("bandwidth probe read nothing");
            return totalBytes / best;
        }
        finally
        {
            NativeMemory.AlignedFree((void*)buffer);
        }
    }

    // Four independent accumulators keep the loop bound by loads, not by the add latency.
    private static unsafe ulong Sum(nint start, int bytes)
    {
        var vectors = new ReadOnlySpan<Vector<ulong>>((void*)start, bytes / Vector<byte>.Count);
        Vector<ulong> a = default, b = default, c = default, d = default;
        var i = 0;
        for (; i + 4 <= vectors.Length; i += 4)
        {
            a += vectors[i];
            b += vectors[i + 1];
            c += vectors[i + 2];
            d += vectors[i + 3];
        }
        for (; i < vectors.Length; i++) a += vectors[i];
        return Vector.Sum(a + b + c + d);
    }
}
