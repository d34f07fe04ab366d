using Batch.IO.Jsonl;
using Batch.IO.Parquet;
using Batch.IO.Rows;
using Batch.IO.Tests.Support;

namespace Batch.IO.Tests.Rows;

public sealed class RowWritersTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("out.parquet", typeof(ParquetRowWriter))]
    [InlineData("out.PARQUET", typeof(ParquetRowWriter))]
    [InlineData("out.jsonl", typeof(JsonlRowWriter))]
    [InlineData("out.Jsonl", typeof(JsonlRowWriter))]
    public async Task Open_PicksTheWriterByExtension(string name, Type expected)
    {
        await using var writer = RowWriters.Open(_folder.PathOf(name), ["title"], resumeFrom: null);

        Assert.IsType(expected, writer);
    }

    [Fact]
    public async Task Open_Resuming_PassesThePositionOn()
    {
        var path = _folder.PathOf("out.parquet");
        await using (var writer = RowWriters.Open(path, [], resumeFrom: null))
        {
            await writer.WriteAsync(OutputRows.Completion(), CancellationToken.None);
            await writer.CommitAsync(CancellationToken.None);
        }

        await using (var writer = RowWriters.Open(path, [], resumeFrom: 1))
        {
            await writer.WriteAsync(OutputRows.Completion(), CancellationToken.None);
            Assert.Equal(2, await writer.CommitAsync(CancellationToken.None));
        }
    }

    [Theory]
    [InlineData("out/results.parquet", "a folder of part files")]
    [InlineData("out/results.jsonl", "one JSONL file")]
    public void Describe_SaysWhatTheOutputIs(string path, string expected) =>
        Assert.Equal(expected, RowWriters.Describe(path));
}
