using Parquet;
using Parquet.Schema;
using Parquet.Serialization;

namespace Batch.IO.Tests.Support;

/// <summary>Writes Parquet inputs and reads Parquet outputs with Parquet.Net directly, independent of the code under test.</summary>
public static class ParquetFiles
{
    /// <summary>A file with string, int, double?, bool and nullable string columns, one row group per array of ids.</summary>
    public static async Task<string> WriteTypedAsync(string path, params int[][] rowGroups)
    {
        var id = new DataField<string>("id", nullable: false);
        var text = new DataField<string>("text", nullable: true);
        var n = new DataField<int>("n");
        var x = new DataField<double?>("x");
        var ok = new DataField<bool>("ok");
        var schema = new ParquetSchema(id, text, n, x, ok);
        await using var stream = File.Create(path);
        await using var writer = await ParquetWriter.CreateAsync(schema, stream, null, false, CancellationToken.None);
        foreach (var group in rowGroups)
        {
            using var rowGroup = writer.CreateRowGroup();
            await rowGroup.WriteAsync(id, group.Select(i => $"r{i}").ToArray(), null);
            // Every third row has a null text and every fourth a null x.
            await rowGroup.WriteAsync(text, group.Select(i => i % 3 == 0 ? null : $"text {i}").ToArray()!, null);
            await rowGroup.WriteAsync<int>(n, group.Select(i => i * 10).ToArray(), null, null, CancellationToken.None);
            await rowGroup.WriteAsync<double>(x, group.Select(i => i % 4 == 0 ? (double?)null : i + 0.5).ToArray(), null, null, CancellationToken.None);
            await rowGroup.WriteAsync<bool>(ok, group.Select(i => i % 2 == 0).ToArray(), null, null, CancellationToken.None);
        }
        return path;
    }

    /// <summary>Every row of every part in a dataset folder, in part order, as column name → value (null cells absent, text as string).</summary>
    public static async Task<List<Dictionary<string, object>>> ReadDatasetAsync(string folder)
    {
        var rows = new List<Dictionary<string, object>>();
        foreach (var part in PartNames(folder).Where(name => name.StartsWith("part-", StringComparison.Ordinal) && name.EndsWith(".parquet", StringComparison.Ordinal)))
        {
            await using var stream = File.OpenRead(Path.Combine(folder, part));
            var result = await ParquetSerializer.DeserializeUntypedAsync(stream, null, null, CancellationToken.None);
            rows.AddRange(result.Data.Select(row => row.ToDictionary(kv => kv.Key, kv => kv.Value is ReadOnlyMemory<char> chars ? chars.ToString() : kv.Value)));
        }
        return rows;
    }

    /// <summary>The schema of one part file.</summary>
    public static async Task<ParquetSchema> ReadSchemaAsync(string path)
    {
        await using var stream = File.OpenRead(path);
        return await ParquetReader.ReadSchemaAsync(stream);
    }

    /// <summary>File names in the folder, sorted.</summary>
    public static string[] PartNames(string folder) =>
        Directory.GetFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray()!;
}
