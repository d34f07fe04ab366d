using Parquet;

namespace Batch.IO.Parquet;

/// <summary>Counts the rows of Parquet files from their footers, for progress totals, without reading any data.</summary>
internal static class ParquetRowCounter
{
    /// <summary>The rows the reader will yield: the footer's row counts, or 1 for a file it will report as unreadable.</summary>
    public static async Task<long> CountAsync(IEnumerable<string> files, CancellationToken cancellationToken)
    {
        var rows = 0L;
        foreach (var file in files)
        {
            await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
            rows += await CountAsync(stream, cancellationToken);
        }
        return rows;
    }

    private static async Task<long> CountAsync(Stream stream, CancellationToken cancellationToken)
    {
        try
        {
            if (await ParquetFileCheck.ProblemAsync(stream, "", cancellationToken) is not null) return 1;
            await using var reader = await ParquetReader.CreateAsync(stream, null, leaveStreamOpen: true, cancellationToken);
            return reader.RowGroups.Sum(group => group.RowCount);
        }
        catch (Exception e) when (e is not (OperationCanceledException or OutOfMemoryException))
        {
            // Progress totals are a hint; the reader reports the damage as an error row.
            return 1;
        }
    }
}
