using Batch.Core.Rows;

namespace Batch.IO.Tests.Support;

/// <summary>Drains readers into lists for assertions.</summary>
public static class RowReading
{
    public static async Task<List<InputRecord>> ReadAllAsync(IRowReader reader)
    {
        var records = new List<InputRecord>();
        await foreach (var record in reader.ReadAsync(CancellationToken.None)) records.Add(record);
        return records;
    }
}
