namespace Batch.IO.Rows;

/// <summary>How rows are stored in a file, picked by its extension.</summary>
public enum RowFormat
{
    /// <summary>One JSON object per line; any extension but .parquet.</summary>
    Jsonl,
    /// <summary>Parquet: a file when read, a folder of part files when written.</summary>
    Parquet,
}
