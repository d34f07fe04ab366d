using System.Reflection;
using Parquet;
using Parquet.Data;
using Parquet.Schema;

namespace Batch.IO.Parquet;

/// <summary>Reads one flat (non-repeated) column of a row group as one boxed value per row, null for a null cell.</summary>
internal static class ParquetColumnReader
{
    private static readonly MethodInfo CellsMethod = typeof(ParquetColumnReader).GetMethod(nameof(Cells), BindingFlags.NonPublic | BindingFlags.Static)!;

    /// <summary>The column's cells, <paramref name="rowCount"/> of them; throws <see cref="InvalidDataException"/> when the file disagrees.</summary>
    public static async Task<object?[]> ReadAsync(ParquetRowGroupReader group, DataField field, int rowCount, CancellationToken cancellationToken)
    {
        using var raw = await group.ReadRawColumnDataBaseAsync(field, cancellationToken);
        // The value type is only known at run time (one RawColumnData<T> per Parquet type), so the
        // typed span is reached through one generic call per column chunk.
        var valueType = raw.GetType().GetGenericArguments()[0];
        var cells = (object?[])CellsMethod.MakeGenericMethod(valueType)
            .Invoke(null, BindingFlags.DoNotWrapExceptions, null, [raw, field.MaxDefinitionLevel], null)!;
        if (cells.Length != rowCount)
            throw new InvalidDataException($"column '{field.Name}' has {cells.Length} values for {rowCount} rows");
        Normalize(field, cells);
        return cells;
    }

    /// <summary>
    /// Gives date-time cells what the schema knows about them: UTC-adjusted timestamps become UTC
    /// (an ISO string with Z), local ones stay zoneless rather than taking this machine's offset,
    /// and Date columns become plain dates.
    /// </summary>
    public static void Normalize(DataField field, object?[] cells)
    {
        if (field is not DateTimeDataField dateTime) return;
        var kind = dateTime.IsAdjustedToUTC ? DateTimeKind.Utc : DateTimeKind.Unspecified;
        for (var i = 0; i < cells.Length; i++)
        {
            if (cells[i] is not DateTime value) continue;
            cells[i] = dateTime.DateTimeFormat == DateTimeFormat.Date ? DateOnly.FromDateTime(value) : DateTime.SpecifyKind(value, kind);
        }
    }

    private static object?[] Cells<T>(RawColumnData raw, int maxDefinitionLevel) where T : struct
    {
        // Values come packed: the non-null ones first, in row order; definition levels say which rows they fill.
        var values = ((RawColumnData<T>)raw).Values;
        if (maxDefinitionLevel == 0)
        {
            var all = new object?[values.Length];
            for (var i = 0; i < values.Length; i++) all[i] = values[i];
            return all;
        }
        var levels = raw.DefinitionLevels;
        var cells = new object?[levels.Length];
        var next = 0;
        for (var i = 0; i < levels.Length; i++)
            cells[i] = levels[i] == maxDefinitionLevel ? values[next++] : null;
        return cells;
    }
}
