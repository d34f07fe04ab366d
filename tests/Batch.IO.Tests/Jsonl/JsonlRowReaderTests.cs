using System.Text;
using System.Text.Json;
using Batch.Core.Rows;
using Batch.IO.Jsonl;
using Batch.IO.Tests.Support;

namespace Batch.IO.Tests.Jsonl;

public sealed class JsonlRowReaderTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Read_BlankLines_AreSkippedButCountedInLineNumbers()
    {
        var records = await ReadAsync("{\"a\":1}\n\n   \n\t\n{\"a\":2}\n");

        Assert.Equal([1L, 5L], records.Select(r => r.Line));
        Assert.Equal([1, 2], records.Select(r => r.Fields!["a"].GetInt32()));
    }

    [Fact]
    public async Task Read_ByteOrderMark_IsIgnored()
    {
        var records = await ReadAsync([0xEF, 0xBB, 0xBF, .. "{\"a\":\"x\"}\n{\"a\":\"y\"}\n"u8]);

        Assert.All(records, r => Assert.Null(r.ParseError));
        Assert.Equal(["x", "y"], records.Select(r => r.Fields!["a"].GetString()));
    }

    [Fact]
    public async Task Read_CrLfLineEndings_AreStripped()
    {
        var records = await ReadAsync("{\"a\":\"x\"}\r\n\r\n{\"a\":\"y\"}\r\n");

        Assert.All(records, r => Assert.Null(r.ParseError));
        Assert.Equal([1L, 3L], records.Select(r => r.Line));
        Assert.Equal(["x", "y"], records.Select(r => r.Fields!["a"].GetString()));
    }

    [Fact]
    public async Task Read_InvalidUtf8Line_BecomesParseErrorWithItsLine()
    {
        var records = await ReadAsync([.. "{\"a\":1}\n{\"a\":\""u8, 0xFF, 0xFE, .. "\"}\n{\"a\":3}\n"u8]);

        Assert.Equal(3, records.Count);
        var bad = records[1];
        Assert.Equal(2, bad.Line);
        Assert.Null(bad.Fields);
        Assert.Contains("UTF-8", bad.ParseError);
        Assert.Equal(3, records[2].Fields!["a"].GetInt32());
    }

    [Theory]
    [InlineData("[1,2]")]
    [InlineData("42")]
    [InlineData("\"text\"")]
    [InlineData("null")]
    public async Task Read_JsonThatIsNotAnObject_BecomesParseError(string line)
    {
        var records = await ReadAsync($"{{\"a\":1}}\n{line}\n");

        Assert.Equal(2, records[1].Line);
        Assert.Null(records[1].Fields);
        Assert.Contains("not an object", records[1].ParseError);
    }

    [Fact]
    public async Task Read_FinalLineWithoutNewline_IsRead()
    {
        var records = await ReadAsync("{\"a\":1}\n{\"a\":2}");

        Assert.Equal([1, 2], records.Select(r => r.Fields!["a"].GetInt32()));
        Assert.Equal(2, records[1].Line);
    }

    [Fact]
    public async Task Read_TornFinalLine_BecomesParseError()
    {
        var records = await ReadAsync("{\"a\":1}\n{\"a\":\"half of an obj");

        Assert.Equal(2, records.Count);
        Assert.Equal(2, records[1].Line);
        Assert.Null(records[1].Fields);
        Assert.Contains("not valid JSON", records[1].ParseError);
    }

    [Fact]
    public async Task Read_OneMegabyteLine_IsReadWhole()
    {
        var text = string.Concat(Enumerable.Repeat("0123456789abcdef", 1 << 16));
        var records = await ReadAsync($"{{\"a\":1}}\n{{\"text\":\"{text}\"}}\n{{\"a\":3}}\n");

        Assert.Equal(3, records.Count);
        Assert.Equal(text, records[1].Fields!["text"].GetString());
        Assert.Equal(3, records[2].Line);
    }

    [Fact]
    public async Task Read_SeveralFiles_NumbersLinesPerFileInOrder()
    {
        var first = _folder.Write("a.jsonl", "{\"a\":1}\n{\"a\":2}\n"u8.ToArray());
        var second = _folder.Write("b.jsonl", "{\"a\":3}\n"u8.ToArray());

        var records = await RowReading.ReadAllAsync(new JsonlRowReader([first, second]));

        Assert.Equal([(first, 1L), (first, 2L), (second, 1L)], records.Select(r => (r.Source, r.Line)));
    }

    [Fact]
    public async Task Read_FieldValues_KeepTheirJsonKinds()
    {
        var records = await ReadAsync("{\"s\":\"x\",\"n\":1.5,\"b\":true,\"z\":null,\"o\":{\"k\":[1]}}\n");

        var fields = records.Single().Fields!;
        Assert.Equal(
            [JsonValueKind.String, JsonValueKind.Number, JsonValueKind.True, JsonValueKind.Null, JsonValueKind.Object],
            new[] { "s", "n", "b", "z", "o" }.Select(name => fields[name].ValueKind));
    }

    private Task<List<InputRecord>> ReadAsync(string text) => ReadAsync(Encoding.UTF8.GetBytes(text));

    private async Task<List<InputRecord>> ReadAsync(byte[] bytes)
    {
        var path = _folder.Write("in.jsonl", bytes);
        return await RowReading.ReadAllAsync(new JsonlRowReader([path]));
    }
}
