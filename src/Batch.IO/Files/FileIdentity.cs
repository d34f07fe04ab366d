using System.Globalization;
using System.Security.Cryptography;

namespace Batch.IO.Files;

/// <summary>Cheap identities of files for the job fingerprint.</summary>
public static class FileIdentity
{
    private const int SampleBytes = 64 * 1024;
    private const int SampleCount = 16;

    /// <summary>
    /// Size plus a SHA-256 of the first MiB and 16 samples spread over the file: reads about 2 MiB
    /// of a multi-GiB model, yet any re-quantization or different weights change it.
    /// </summary>
    public static string OfModel(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, SampleBytes);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[SampleBytes];
        var length = stream.Length;
        Span<long> offsets = stackalloc long[SampleCount + 16];
        var n = 0;
        for (var i = 0; i < 16; i++) offsets[n++] = i * (long)SampleBytes;   // the header: first MiB
        for (var i = 0; i < SampleCount; i++) offsets[n++] = length / SampleCount * i + length / (2 * SampleCount);
        foreach (var offset in offsets[..n])
        {
            if (offset >= length) continue;
            stream.Seek(offset, SeekOrigin.Begin);
            var read = stream.ReadAtLeast(buffer, Math.Min(buffer.Length, (int)Math.Min(int.MaxValue, length - offset)), throwOnEndOfStream: false);
            hash.AppendData(buffer, 0, read);
        }
        return $"{length} bytes sha256:{Convert.ToHexString(hash.GetHashAndReset())[..16].ToLowerInvariant()}";
    }

    /// <summary>An input file as <c>path size mtime</c>.</summary>
    public static string OfInput(string path)
    {
        var info = new FileInfo(path);
        return $"{info.FullName} {info.Length} {info.LastWriteTimeUtc.ToString("O", CultureInfo.InvariantCulture)}";
    }
}
