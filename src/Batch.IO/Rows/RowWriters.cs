using Batch.Core.Rows;
using Batch.IO.Jsonl;
using Batch.IO.Parquet;

namespace Batch.IO.Rows;

/// <summary>Opens the output writer the output path's extension picks.</summary>
public static class RowWriters
{
    /// <summary>
    /// A <see cref="ParquetRowWriter"/> for <c>.parquet</c>, a <see cref="JsonlRowWriter"/> otherwise;
    /// fresh when <paramref name="resumeFrom"/> is null, else resuming from that committed position.
    /// Parquet fixes its columns up front, so it needs <paramref name="includeTokenIds"/>; JSONL writes
    /// token_ids (and a classification's probabilities) whenever a row has them.
    /// </summary>
    public static IRowWriter Open(string path, IReadOnlyList<string> carry, long? resumeFrom, bool includeTokenIds = false, bool includeProbabilities = false) =>
        RowFormats.Of(path) switch
    {
        RowFormat.Parquet => new ParquetRowWriter(path, carry, resumeFrom, includeTokenIds, includeProbabilities),
        _ => new JsonlRowWriter(path, resumeFrom),
    };

    /// <summary>What the output at <paramref name="path"/> is, for messages: "one JSONL file" or "a folder of part files".</summary>
    public static string Describe(string path) => RowFormats.Of(path) switch
    {
        RowFormat.Parquet => "a folder of part files",
        _ => "one JSONL file",
    };
}
