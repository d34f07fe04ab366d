namespace Batch.IO.Rows;

/// <summary>Picks a path's <see cref="RowFormat"/> from its extension.</summary>
public static class RowFormats
{
    /// <summary>Parquet for <c>.parquet</c> (any case); JSONL for anything else, as every path was read before Parquet came.</summary>
    public static RowFormat Of(string path) =>
        Path.GetExtension(Path.TrimEndingDirectorySeparator(path)).Equals(".parquet", StringComparison.OrdinalIgnoreCase)
            ? RowFormat.Parquet
            : RowFormat.Jsonl;
}
