using System.Text;

namespace Batch.Core.Rows;

/// <summary>Derives a row's sampling seed from the job seed and the row id alone.</summary>
public static class RowSeed
{
    /// <summary>Stable across runs, machines and batch neighbours: FNV-1a of the id, mixed with the seed.</summary>
    public static uint Derive(uint jobSeed, DocumentId id)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in Encoding.UTF8.GetBytes(id.Value))
        {
            hash ^= b;
            hash *= 1099511628211UL;
        }
        // SplitMix64 finaliser, so neighbouring ids and seeds land far apart.
        var z = hash ^ (jobSeed * 0x9E3779B97F4A7C15UL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return (uint)(z ^ (z >> 31));
    }
}
