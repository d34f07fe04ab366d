using Batch.IO.Rows;
using Batch.IO.Tests.Support;

namespace Batch.IO.Tests.Rows;

public sealed class RowReadersTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Open_MixedFiles_ReadsEachWithTheReaderItsExtensionPicks_InOrder()
    {
        var first = _folder.Write("a.jsonl", "{\"id\":\"j1\"}\n\n{\"id\":\"j2\"}\n"u8.ToArray());
        var second = await ParquetFiles.WriteTypedAsync(_folder.PathOf("b.PARQUET"), [1], [2]);
        var third = _folder.Write("c.JSONL", "{\"id\":\"j3\"}\n"u8.ToArray());

        var records = await RowReading.ReadAllAsync(RowReaders.Open([first, second, third]));

        Assert.Equal(
            [(first, 1L, "j1"), (first, 3L, "j2"), (second, 1L, "r1"), (second, 2L, "r2"), (third, 1L, "j3")],
            records.Select(r => (r.Source, r.Line, r.Fields!["id"].GetString())));
    }

    [Fact]
    public async Task CountAsync_AddsJsonlLinesAndParquetFooterCounts()
    {
        var jsonl = _folder.Write("a.jsonl", "{}\n\n{}\n{}"u8.ToArray());
        var parquet = await ParquetFiles.WriteTypedAsync(_folder.PathOf("b.parquet"), [1, 2], [3]);
        var broken = _folder.Write("c.parquet", "nope"u8.ToArray());

        Assert.Equal(3 + 3 + 1, await RowReaders.CountAsync([jsonl, parquet, broken], CancellationToken.None));
    }

    [Theory]
    [InlineData("x.parquet", RowFormat.Parquet)]
    [InlineData("x.Parquet", RowFormat.Parquet)]
    [InlineData("dir/out.parquet/", RowFormat.Parquet)]
    [InlineData("x.jsonl", RowFormat.Jsonl)]
    [InlineData("x.JSONL", RowFormat.Jsonl)]
    [InlineData("x.json", RowFormat.Jsonl)]
    [InlineData("parquet", RowFormat.Jsonl)]
    public void Of_PicksTheFormatByExtension(string path, RowFormat expected) =>
        Assert.Equal(expected, RowFormats.Of(path));
}
