using System.Numerics;
using System.Text;

namespace Batch.Llama.Synthetic;

/// <summary>xoshiro256** seeded through SplitMix64: fast, and the same numbers on every machine and runtime.</summary>
public sealed class Xoshiro256
{
    // Irwin–Hall with four 16-bit uniforms: the sum of four values in [0, 65535] has this mean and deviation.
    private const double FourUniformMean = 4 * 32767.5;
    private static readonly double FourUniformInverseStd = 1.0 / Math.Sqrt(4 * (65536.0 * 65536.0 - 1) / 12);

    private ulong _s0;
    private ulong _s1;
    private ulong _s2;
    private ulong _s3;

    /// <summary>Creates a generator whose whole stream is determined by <paramref name="seed"/>.</summary>
    public Xoshiro256(ulong seed)
    {
        var state = seed;
        _s0 = SplitMix64(ref state);
        _s1 = SplitMix64(ref state);
        _s2 = SplitMix64(ref state);
        _s3 = SplitMix64(ref state);
    }

    /// <summary>A generator for one named stream (a tensor), independent of every other name under the same seed.</summary>
    public static Xoshiro256 ForStream(ulong seed, string streamName)
    {
        var state = seed ^ Fnv1a64(streamName);
        return new Xoshiro256(SplitMix64(ref state));
    }

    /// <summary>The next 64 uniformly random bits.</summary>
    public ulong NextUInt64()
    {
        var result = BitOperations.RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = BitOperations.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>A uniform integer in [0, <paramref name="exclusiveMax"/>).</summary>
    public int NextInt(int exclusiveMax) => (int)((NextUInt64() >> 33) % (ulong)exclusiveMax);

    /// <summary>A bell-shaped value with mean 0 and standard deviation 1, bounded by about ±3.5.</summary>
    /// <remarks>Integer sums and one multiply, so no transcendental functions whose last bit could differ by platform.</remarks>
    public double NextStandardBell()
    {
        var bits = NextUInt64();
        var sum = (bits & 0xFFFF) + ((bits >> 16) & 0xFFFF) + ((bits >> 32) & 0xFFFF) + (bits >> 48);
        return (sum - FourUniformMean) * FourUniformInverseStd;
    }

    private static ulong SplitMix64(ref ulong state)
    {
        var z = state += 0x9E3779B97F4A7C15;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
        return z ^ (z >> 31);
    }

    private static ulong Fnv1a64(string text)
    {
        var hash = 0xCBF29CE484222325UL;
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            hash = (hash ^ b) * 0x100000001B3UL;
        }

        return hash;
    }
}
