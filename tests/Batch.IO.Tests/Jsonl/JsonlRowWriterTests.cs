using System.Text.Json;
using Batch.IO.Jsonl;
using Batch.IO.Tests.Support;

namespace Batch.IO.Tests.Jsonl;

public sealed class JsonlRowWriterTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Resume_CutsTheUncommittedTailAndATornLine_ThenAppends()
    {
        var path = _folder.PathOf("out.jsonl");
        long committed;
        await using (var writer = new JsonlRowWriter(path))
        {
            await writer.WriteAsync(OutputRows.Completion(id: "\"a\""), CancellationToken.None);
            await writer.WriteAsync(OutputRows.Completion(id: "\"b\""), CancellationToken.None);
            committed = await writer.CommitAsync(CancellationToken.None);
            await writer.WriteAsync(OutputRows.Completion(id: "\"uncommitted\""), CancellationToken.None);
        }
        await File.AppendAllTextAsync(path, "{\"id\":\"torn\",\"outp");

        await using (var writer = new JsonlRowWriter(path, resumeFrom: committed))
        {
            await writer.WriteAsync(OutputRows.Completion(id: "\"c\""), CancellationToken.None);
            await writer.CommitAsync(CancellationToken.None);
        }

        var lines = await File.ReadAllLinesAsync(path);
        Assert.Equal(["a", "b", "c"], lines.Select(line => JsonDocument.Parse(line).RootElement.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task Commit_ReturnsTheFileLength()
    {
        var path = _folder.PathOf("out.jsonl");
        await using var writer = new JsonlRowWriter(path);
        await writer.WriteAsync(OutputRows.Completion(), CancellationToken.None);

        var position = await writer.CommitAsync(CancellationToken.None);

        Assert.Equal(new FileInfo(path).Length, position);
    }

    [Fact]
    public async Task Open_Fresh_ReplacesAnExistingFile()
    {
        var path = _folder.Write("out.jsonl", "{\"id\":\"old\"}\n"u8.ToArray());

        await using (var writer = new JsonlRowWriter(path))
        {
            await writer.WriteAsync(OutputRows.Completion(id: "\"new\""), CancellationToken.None);
            await writer.CommitAsync(CancellationToken.None);
        }

        Assert.Equal("new", JsonDocument.Parse(File.ReadAllLines(path).Single()).RootElement.GetProperty("id").GetString());
    }

    [Fact]
    public void Open_ResumingPastTheEndOfTheFile_Throws()
    {
        var path = _folder.Write("out.jsonl", "{}\n"u8.ToArray());

        Assert.Throws<IOException>(() => new JsonlRowWriter(path, resumeFrom: 100));
    }
}
