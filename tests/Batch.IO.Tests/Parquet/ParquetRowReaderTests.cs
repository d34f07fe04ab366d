using System.Text.Json;
using Batch.Core.Rows;
using Batch.IO.Parquet;
using Batch.IO.Tests.Support;
using Parquet;
using Parquet.Schema;
using Parquet.Serialization;

namespace Batch.IO.Tests.Parquet;

public sealed class ParquetRowReaderTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Read_TypedColumnsOverSeveralRowGroups_GivesJsonFieldsAndContinuousRowNumbers()
    {
        var path = await ParquetFiles.WriteTypedAsync(_folder.PathOf("in.parquet"), [1, 2], [3, 4, 5], [6]);

        var records = await RowReading.ReadAllAsync(new ParquetRowReader([path]));

        Assert.Equal([1L, 2L, 3L, 4L, 5L, 6L], records.Select(r => r.Line));
        Assert.All(records, r => Assert.Equal(path, r.Source));
        Assert.All(records, r => Assert.Null(r.ParseError));
        var first = records[0].Fields!;
        Assert.Equal(["id", "text", "n", "x", "ok"], first.Keys);
        Assert.Equal("r1", first["id"].GetString());
        Assert.Equal("text 1", first["text"].GetString());
        Assert.Equal(10, first["n"].GetInt32());
        Assert.Equal(1.5, first["x"].GetDouble());
        Assert.Equal(JsonValueKind.False, first["ok"].ValueKind);
        Assert.Equal(JsonValueKind.True, records[1].Fields!["ok"].ValueKind);
        Assert.Equal(60, records[5].Fields!["n"].GetInt32());
    }

    [Fact]
    public async Task Read_NullCells_AreNullElements()
    {
        var path = await ParquetFiles.WriteTypedAsync(_folder.PathOf("in.parquet"), [1, 2, 3, 4]);

        var records = await RowReading.ReadAllAsync(new ParquetRowReader([path]));

        Assert.Equal(JsonValueKind.Null, records[2].Fields!["text"].ValueKind);
        Assert.Equal(JsonValueKind.Null, records[3].Fields!["x"].ValueKind);
        Assert.Equal(JsonValueKind.String, records[3].Fields!["text"].ValueKind);
    }

    [Fact]
    public async Task Read_ColumnTheFileLacks_IsNotInTheFields()
    {
        var path = await ParquetFiles.WriteTypedAsync(_folder.PathOf("in.parquet"), [1]);

        var record = Assert.Single(await RowReading.ReadAllAsync(new ParquetRowReader([path])));

        Assert.False(record.Fields!.ContainsKey("prompt"));
    }

    [Fact]
    public async Task Read_TextFileNamedParquet_GivesOneParseError_ThenReadsTheNextFile()
    {
        var text = _folder.Write("notes.parquet", "id,text\n1,hello\n2,world\n"u8.ToArray());
        var good = await ParquetFiles.WriteTypedAsync(_folder.PathOf("good.parquet"), [1, 2]);

        var records = await RowReading.ReadAllAsync(new ParquetRowReader([text, good]));

        Assert.Equal(3, records.Count);
        Assert.Equal((text, 1L, (IReadOnlyDictionary<string, JsonElement>?)null), (records[0].Source, records[0].Line, records[0].Fields));
        Assert.Equal("'notes.parquet' is not a Parquet file (bad magic bytes)", records[0].ParseError);
        Assert.Equal([(good, 1L), (good, 2L)], records.Skip(1).Select(r => (r.Source, r.Line)));
    }

    [Fact]
    public async Task Read_TruncatedFile_GivesOneParseError()
    {
        var whole = await File.ReadAllBytesAsync(await ParquetFiles.WriteTypedAsync(_folder.PathOf("whole.parquet"), [1, 2, 3]));
        var path = _folder.Write("cut.parquet", whole[..(whole.Length / 2)]);

        var record = Assert.Single(await RowReading.ReadAllAsync(new ParquetRowReader([path])));

        Assert.Null(record.Fields);
        Assert.Equal("'cut.parquet' is truncated or corrupt (no Parquet footer at its end)", record.ParseError);
    }

    [Fact]
    public async Task Read_EmptyFile_GivesOneParseError()
    {
        var path = _folder.Write("empty.parquet", []);

        var record = Assert.Single(await RowReading.ReadAllAsync(new ParquetRowReader([path])));

        Assert.Equal("'empty.parquet' is not a Parquet file (only 0 bytes)", record.ParseError);
    }

    [Fact]
    public async Task Read_CorruptFooter_GivesOneParseError()
    {
        var bytes = await File.ReadAllBytesAsync(await ParquetFiles.WriteTypedAsync(_folder.PathOf("whole.parquet"), [1, 2, 3]));
        var footerLength = BitConverter.ToInt32(bytes, bytes.Length - 8);
        Array.Fill(bytes, (byte)0xFF, bytes.Length - 8 - footerLength, footerLength);
        var path = _folder.Write("bad.parquet", bytes);

        var record = Assert.Single(await RowReading.ReadAllAsync(new ParquetRowReader([path])));

        Assert.Null(record.Fields);
        Assert.StartsWith("'bad.parquet' is corrupt (", record.ParseError);
    }

    [Fact]
    public async Task Read_CorruptSecondRowGroup_GivesTheFirstGroupsRowsThenOneParseError()
    {
        var path = await ParquetFiles.WriteTypedAsync(_folder.PathOf("in.parquet"), [1, 2], [3, 4]);
        long offset, length;
        await using (var reader = await ParquetReader.CreateAsync(path, null, CancellationToken.None))
        {
            var column = reader.Metadata!.RowGroups[1].Columns[0].MetaData!;
            (offset, length) = (column.DictionaryPageOffset ?? column.DataPageOffset, column.TotalCompressedSize);
        }
        var bytes = await File.ReadAllBytesAsync(path);
        Array.Fill(bytes, (byte)0xFF, (int)offset, (int)length);
        await File.WriteAllBytesAsync(path, bytes);

        var records = await RowReading.ReadAllAsync(new ParquetRowReader([path]));

        Assert.Equal(3, records.Count);
        Assert.All(records.Take(2), r => Assert.NotNull(r.Fields));
        Assert.Equal(3, records[2].Line);
        Assert.Null(records[2].Fields);
        Assert.StartsWith("'in.parquet' row group 2 of 2 could not be read (", records[2].ParseError);
    }

    [Fact]
    public async Task Read_NestedColumns_BecomeJsonArraysAndObjects_NextToScalars()
    {
        var path = _folder.PathOf("nested.parquet");
        await ParquetSerializer.SerializeAsync(
            [new Rich
            {
                Tags = [1, 2, 3],
                Author = new Person { Name = "Zoë", Age = 40 },
                At = new DateTime(2024, 1, 2, 3, 4, 5, DateTimeKind.Utc),
                Price = 12.25m,
                Blob = [1, 2, 3],
                Ratio = double.NaN,
                Big = long.MaxValue,
            }],
            path, cancellationToken: CancellationToken.None);

        var fields = Assert.Single(await RowReading.ReadAllAsync(new ParquetRowReader([path]))).Fields!;

        Assert.Equal("[1,2,3]", fields["Tags"].GetRawText());
        Assert.Equal("Zoë", fields["Author"].GetProperty("Name").GetString());
        Assert.Equal(40, fields["Author"].GetProperty("Age").GetInt32());
        Assert.Equal("2024-01-02T03:04:05Z", fields["At"].GetString());
        Assert.Equal(12.25m, fields["Price"].GetDecimal());
        Assert.Equal("AQID", fields["Blob"].GetString());
        Assert.Equal("NaN", fields["Ratio"].GetString());
        Assert.Equal(long.MaxValue, fields["Big"].GetInt64());
    }

    [Fact]
    public async Task Read_FlatSpecialTypes_BecomeIsoStringsNumbersAndBase64()
    {
        var path = _folder.PathOf("flat.parquet");
        await ParquetSerializer.SerializeAsync(
            [new Scalars { At = new DateTime(2024, 1, 2, 3, 4, 5, DateTimeKind.Utc), Price = 12.25m, Blob = [1, 2, 3], Ratio = double.PositiveInfinity, Big = long.MinValue, Small = 7 },
             new Scalars { Blob = null, Small = null }],
            path, cancellationToken: CancellationToken.None);

        var records = await RowReading.ReadAllAsync(new ParquetRowReader([path]));

        var fields = records[0].Fields!;
        Assert.Equal("2024-01-02T03:04:05Z", fields["At"].GetString());
        Assert.Equal(12.25m, fields["Price"].GetDecimal());
        Assert.Equal("AQID", fields["Blob"].GetString());
        Assert.Equal("Infinity", fields["Ratio"].GetString());
        Assert.Equal(long.MinValue, fields["Big"].GetInt64());
        Assert.Equal(7, fields["Small"].GetInt16());
        Assert.Equal("2024-05-06", fields["Day"].GetString());
        Assert.Equal(JsonValueKind.Null, records[1].Fields!["Blob"].ValueKind);
        Assert.Equal(JsonValueKind.Null, records[1].Fields!["Small"].ValueKind);
    }

    [Fact]
    public async Task Read_Timestamps_AreUtcOrZonelessAsTheSchemaSays()
    {
        var utc = new DateTimeDataField("utc", DateTimeFormat.Timestamp, isAdjustedToUTC: true);
        var local = new DateTimeDataField("local", DateTimeFormat.Timestamp, isAdjustedToUTC: false);
        var path = _folder.PathOf("times.parquet");
        await using (var stream = File.Create(path))
        await using (var writer = await ParquetWriter.CreateAsync(new ParquetSchema(utc, local), stream, null, false, CancellationToken.None))
        {
            using var group = writer.CreateRowGroup();
            DateTime[] at = [new(2024, 1, 2, 3, 4, 5, DateTimeKind.Utc)];
            await group.WriteAsync<DateTime>(utc, at, null, null, CancellationToken.None);
            await group.WriteAsync<DateTime>(local, at, null, null, CancellationToken.None);
        }

        var fields = Assert.Single(await RowReading.ReadAllAsync(new ParquetRowReader([path]))).Fields!;

        Assert.Equal("2024-01-02T03:04:05Z", fields["utc"].GetString());
        Assert.Equal("2024-01-02T03:04:05", fields["local"].GetString());
    }

    [Fact]
    public async Task Read_Cancelled_Throws()
    {
        var path = await ParquetFiles.WriteTypedAsync(_folder.PathOf("in.parquet"), [1, 2]);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            async () => await new ParquetRowReader([path]).ReadAsync(new CancellationToken(canceled: true)).GetAsyncEnumerator().MoveNextAsync());
    }

    private sealed class Rich
    {
        public List<int> Tags { get; set; } = [];
        public Person? Author { get; set; }
        public DateTime At { get; set; }
        public decimal Price { get; set; }
        public byte[]? Blob { get; set; }
        public double Ratio { get; set; }
        public long Big { get; set; }
    }

    private sealed class Scalars
    {
        public DateTime At { get; set; }
        public decimal Price { get; set; }
        public byte[]? Blob { get; set; }
        public double Ratio { get; set; }
        public long Big { get; set; }
        public short? Small { get; set; }
        public DateOnly Day { get; set; } = new(2024, 5, 6);
    }

    private sealed class Person
    {
        public string? Name { get; set; }
        public int Age { get; set; }
    }
}
