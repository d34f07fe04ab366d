using Batch.Core.Rows;
using Batch.IO.Jsonl;
using Batch.IO.Parquet;

namespace Batch.IO.Rows;

/// <summary>Opens input files with the reader each one's extension picks.</summary>
public static class RowReaders
{
    /// <summary>Reads each file in order: Parquet for <c>.parquet</c>, JSONL for anything else.</summary>
    public static IRowReader Open(IReadOnlyList<string> files) =>
        new ConcatRowReader(files.Select(OpenOne).ToArray());

    /// <summary>Reads each file in order as <paramref name="format"/>; null = by each file's extension.</summary>
    public static IRowReader Open(IReadOnlyList<string> files, RowFormat? format) => format switch
    {
        RowFormat.Jsonl => new JsonlRowReader(files),
        RowFormat.Parquet => new ParquetRowReader(files),
        _ => Open(files),
    };

    /// <summary>How many records the files hold, for progress totals: non-blank JSONL lines plus Parquet footer row counts.</summary>
    public static Task<long> CountAsync(IReadOnlyList<string> files, CancellationToken cancellationToken) =>
        CountAsync(files, null, cancellationToken);

    /// <summary>How many records the files hold when read as <paramref name="format"/> (null = by extension).</summary>
    public static async Task<long> CountAsync(IReadOnlyList<string> files, RowFormat? format, CancellationToken cancellationToken)
    {
        var jsonl = files.Where(f => (format ?? RowFormats.Of(f)) == RowFormat.Jsonl).ToArray();
        var parquet = files.Where(f => (format ?? RowFormats.Of(f)) == RowFormat.Parquet).ToArray();
        return await JsonlRowCounter.CountAsync(jsonl, cancellationToken)
            + await ParquetRowCounter.CountAsync(parquet, cancellationToken);
    }

    private static IRowReader OpenOne(string file) => RowFormats.Of(file) switch
    {
        RowFormat.Parquet => new ParquetRowReader([file]),
        _ => new JsonlRowReader([file]),
    };
}
