namespace Batch.IO.Parquet;

/// <summary>Looks at a file's magic bytes, so a file that is not Parquet gets a plain reason rather than a library message.</summary>
internal static class ParquetFileCheck
{
    private const int MagicLength = 4;

    /// <summary>Null when the file starts and ends with Parquet's magic bytes; otherwise what is wrong, naming the file.</summary>
    public static async Task<string?> ProblemAsync(Stream stream, string name, CancellationToken cancellationToken)
    {
        // Header magic, footer length and footer magic: the smallest shell a Parquet file can have.
        if (stream.Length < 3 * MagicLength)
            return $"'{name}' is not a Parquet file (only {stream.Length} bytes)";
        var head = await ReadAtAsync(stream, 0, cancellationToken);
        var tail = await ReadAtAsync(stream, stream.Length - MagicLength, cancellationToken);
        if (!head.AsSpan().SequenceEqual("PAR1"u8))
            return head.AsSpan().SequenceEqual("PARE"u8)
                ? $"'{name}' is an encrypted Parquet file, which is not supported"
                : $"'{name}' is not a Parquet file (bad magic bytes)";
        if (!tail.AsSpan().SequenceEqual("PAR1"u8))
            return $"'{name}' is truncated or corrupt (no Parquet footer at its end)";
        return null;
    }

    private static async Task<byte[]> ReadAtAsync(Stream stream, long offset, CancellationToken cancellationToken)
    {
        var bytes = new byte[MagicLength];
        stream.Seek(offset, SeekOrigin.Begin);
        await stream.ReadExactlyAsync(bytes, cancellationToken);
        stream.Seek(0, SeekOrigin.Begin);
        return bytes;
    }
}
