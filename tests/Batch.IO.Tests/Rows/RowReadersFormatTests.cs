using Batch.IO.Rows;
using Batch.IO.Tests.Support;

namespace Batch.IO.Tests.Rows;

public sealed class RowReadersFormatTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Open_WithAFormat_ReadsEveryFileAsIt_WhateverTheExtension()
    {
        var file = _folder.Write("requests.parquet", "{\"custom_id\": \"a\"}\n{\"custom_id\": \"b\"}\n"u8.ToArray());

        var records = await RowReading.ReadAllAsync(RowReaders.Open([file], RowFormat.Jsonl));

        Assert.Equal(["a", "b"], records.Select(r => r.Fields!["custom_id"].GetString()));
        Assert.Equal(2, await RowReaders.CountAsync([file], RowFormat.Jsonl, CancellationToken.None));
    }
}
