using System.Runtime.CompilerServices;
using Batch.Core.Rows;
using Parquet;
using Parquet.Schema;
using Parquet.Serialization;

namespace Batch.IO.Parquet;

/// <summary>
/// Streams Parquet files one row group at a time, each cell as a JSON value; row numbers are
/// 1-based across the file. A file that is not Parquet, or breaks while being read, becomes one
/// record with a parse error naming it, and the next file follows.
/// </summary>
public sealed class ParquetRowReader(IReadOnlyList<string> files) : IRowReader
{
    public async IAsyncEnumerable<InputRecord> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var file in files)
        {
            await foreach (var record in ReadFileAsync(file, cancellationToken))
                yield return record;
        }
    }

    private static async IAsyncEnumerable<InputRecord> ReadFileAsync(string file, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var name = Path.GetFileName(file);
        await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
        var (reader, problem) = await TryOpenAsync(stream, name, cancellationToken);
        if (reader is null)
        {
            yield return new InputRecord(file, 1, null, problem);
            yield break;
        }
        await using (reader)
        {
            var columns = reader.Schema.Fields.Select(f => f.Name).ToArray();
            var rowNumber = 0L;
            for (var group = 0; group < reader.RowGroupCount; group++)
            {
                var (cells, error) = await TryReadRowGroupAsync(stream, reader, group, cancellationToken);
                if (cells is null)
                {
                    yield return new InputRecord(file, rowNumber + 1, null, $"'{name}' row group {group + 1} of {reader.RowGroupCount} could not be read ({error})");
                    yield break;
                }
                var row = new object?[columns.Length];
                for (var i = 0; i < (int)reader.RowGroups[group].RowCount; i++)
                {
                    for (var c = 0; c < columns.Length; c++) row[c] = cells[c][i];
                    yield return ToRecord(file, ++rowNumber, columns, row);
                }
            }
        }
    }

    private static async Task<(ParquetReader? Reader, string? Problem)> TryOpenAsync(Stream stream, string name, CancellationToken cancellationToken)
    {
        try
        {
            if (await ParquetFileCheck.ProblemAsync(stream, name, cancellationToken) is { } problem)
                return (null, problem);
            return (await ParquetReader.CreateAsync(stream, null, leaveStreamOpen: true, cancellationToken), null);
        }
        catch (Exception e) when (IsBadData(e))
        {
            return (null, $"'{name}' is corrupt ({e.Message})");
        }
    }

    /// <summary>The row group's cells, column by column in schema order.</summary>
    private static async Task<(object?[][]? Cells, string? Error)> TryReadRowGroupAsync(Stream stream, ParquetReader reader, int group, CancellationToken cancellationToken)
    {
        try
        {
            var rowCount = (int)reader.RowGroups[group].RowCount;
            return IsFlat(reader.Schema)
                ? (await ReadFlatAsync(reader, group, rowCount, cancellationToken), null)
                : (await ReadNestedAsync(stream, reader.Schema, group, rowCount, cancellationToken), null);
        }
        catch (Exception e) when (IsBadData(e))
        {
            return (null, e.Message);
        }
    }

    private static bool IsFlat(ParquetSchema schema) =>
        schema.Fields.All(f => f is DataField { IsArray: false, MaxRepetitionLevel: 0 });

    private static async Task<object?[][]> ReadFlatAsync(ParquetReader reader, int group, int rowCount, CancellationToken cancellationToken)
    {
        var rowGroup = reader.OpenRowGroupReader(group);
        var cells = new object?[reader.Schema.DataFields.Length][];
        for (var c = 0; c < cells.Length; c++)
            cells[c] = await ParquetColumnReader.ReadAsync(rowGroup, reader.Schema.DataFields[c], rowCount, cancellationToken);
        return cells;
    }

    private static async Task<object?[][]> ReadNestedAsync(Stream stream, ParquetSchema schema, int group, int rowCount, CancellationToken cancellationToken)
    {
        // Parquet.Net's untyped reader assembles lists, maps and structs. It reopens the file for
        // each call, re-reading the footer, so this path is kept for schemas that need it.
        var rows = (await ParquetSerializer.DeserializeUntypedAsync(stream, null, group, cancellationToken)).Data;
        if (rows.Count != rowCount)
            throw new InvalidDataException($"{rows.Count} rows where the footer says {rowCount}");
        var cells = new object?[schema.Fields.Count][];
        for (var c = 0; c < cells.Length; c++)
        {
            var field = schema.Fields[c];
            // Null cells are left out of these rows; they come back as null here.
            cells[c] = rows.Select(row => row.TryGetValue(field.Name, out var value) ? value : null).ToArray();
            if (field is DataField data) ParquetColumnReader.Normalize(data, cells[c]);
        }
        return cells;
    }

    private static InputRecord ToRecord(string file, long rowNumber, string[] columns, object?[] row)
    {
        try
        {
            return new InputRecord(file, rowNumber, ParquetJson.ToFields(columns, row));
        }
        catch (ArgumentException e)
        {
            // Utf8JsonWriter refuses text it cannot encode (a lone surrogate, say): one bad row, not a bad file.
            return new InputRecord(file, rowNumber, null, $"the row could not be turned into JSON ({e.Message})");
        }
    }

    // Parquet.Net reports damaged files with many exception types (IOException, Thrift errors,
    // index errors in its decoders), so anything but cancellation and exhaustion is the file's fault.
    private static bool IsBadData(Exception e) => e is not (OperationCanceledException or OutOfMemoryException);
}
