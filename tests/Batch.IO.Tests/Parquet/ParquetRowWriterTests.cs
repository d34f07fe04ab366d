using System.Text.Json;
using Batch.Core.Rows;
using Batch.Core.Scheduling;
using Batch.IO.Parquet;
using Batch.IO.Tests.Support;

namespace Batch.IO.Tests.Parquet;

public sealed class ParquetRowWriterTests : IDisposable
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Commit_JsonlShapedRows_ReadBackWithTheSameValues()
    {
        var path = _folder.PathOf("results.parquet");
        await using (var writer = new ParquetRowWriter(path, ["title", "score", "flag", "meta", "gone"]))
        {
            await writer.WriteAsync(OutputRows.Completion(
                id: "\"doc-🎉\"", output: "答案是 42 🚀", finishReason: FinishReason.Length, promptTokens: 17, completionTokens: 5,
                carry: [("title", "\"漢字とemoji 😀\""), ("score", "3.5"), ("flag", "true"), ("meta", "{\"a\":[1,null]}"), ("gone", "null")]), None);
            await writer.WriteAsync(OutputRows.Completion(id: "42", carry: [("title", "\"plain\"")]), None);
            await writer.WriteAsync(OutputRows.Failure(id: null, error: "in.jsonl:3: missing id field 'id'"), None);
            Assert.Equal(1, await writer.CommitAsync(None));
        }

        var rows = await ParquetFiles.ReadDatasetAsync(path);

        Assert.Equal(3, rows.Count);
        AssertRow(rows[0], ("id", "doc-🎉"), ("title", "漢字とemoji 😀"), ("score", "3.5"), ("flag", "true"), ("meta", "{\"a\":[1,null]}"),
            ("output", "答案是 42 🚀"), ("finish_reason", "length"), ("prompt_tokens", 17), ("completion_tokens", 5));
        AssertRow(rows[1], ("id", "42"), ("title", "plain"), ("output", "done"), ("finish_reason", "stop"), ("prompt_tokens", 3), ("completion_tokens", 2));
        AssertRow(rows[2], ("finish_reason", "error"), ("prompt_tokens", 0), ("completion_tokens", 0), ("error", "in.jsonl:3: missing id field 'id'"));
    }

    [Fact]
    public async Task Commit_WritesTheFixedSchema_CarriedColumnsBetweenIdAndOutput()
    {
        var path = _folder.PathOf("results.parquet");
        await using (var writer = new ParquetRowWriter(path, ["title", "output", "title"]))
        {
            await writer.WriteAsync(OutputRows.Completion(), None);
            await writer.CommitAsync(None);
        }

        var schema = await ParquetFiles.ReadSchemaAsync(Path.Combine(path, "part-00000.parquet"));

        Assert.Equal(["id", "title", "output", "finish_reason", "prompt_tokens", "completion_tokens", "error"], schema.DataFields.Select(f => f.Name));
        Assert.Equal([true, true, true, false, false, false, true], schema.DataFields.Select(f => f.IsNullable));
        Assert.Equal(typeof(int), schema.DataFields.Single(f => f.Name == "prompt_tokens").ClrType);
    }

    [Fact]
    public async Task Commit_WithTokenIds_WritesAListColumnTheReaderTurnsBackIntoArrays()
    {
        var path = _folder.PathOf("results.parquet");
        await using (var writer = new ParquetRowWriter(path, [], includeTokenIds: true))
        {
            await writer.WriteAsync(OutputRows.Completion(id: "\"a\"") with { TokenIds = [5, 6, 7] }, None);
            await writer.WriteAsync(OutputRows.Failure(id: "\"b\""), None);
            await writer.WriteAsync(OutputRows.Completion(id: "\"c\"") with { TokenIds = [] }, None);
            await writer.CommitAsync(None);
        }

        var schema = await ParquetFiles.ReadSchemaAsync(Path.Combine(path, "part-00000.parquet"));
        var records = await RowReading.ReadAllAsync(new ParquetRowReader([Path.Combine(path, "part-00000.parquet")]));

        Assert.Equal("token_ids", schema.Fields[^1].Name);
        Assert.Equal(["[5,6,7]", "null", "[]"], records.Select(r => r.Fields!["token_ids"].GetRawText()));
        Assert.Equal(["a", "b", "c"], records.Select(r => r.Fields!["id"].GetString()));
    }

    [Fact]
    public async Task Commit_WithProbabilities_WritesEachClassifiedRowsLabelProbabilities()
    {
        var path = _folder.PathOf("labels.parquet");
        var classified = new Classification("yes", [KeyValuePair.Create("yes", 0.75), KeyValuePair.Create("no", 0.25)]);
        await using (var writer = new ParquetRowWriter(path, [], includeProbabilities: true))
        {
            await writer.WriteAsync(OutputRows.Completion(id: "\"a\"") with { Output = "yes", Classification = classified }, None);
            await writer.WriteAsync(OutputRows.Failure(id: "\"b\""), None);
            await writer.CommitAsync(None);
        }

        var records = await RowReading.ReadAllAsync(new ParquetRowReader([Path.Combine(path, "part-00000.parquet")]));

        Assert.Equal("{\"yes\":0.75,\"no\":0.25}", records[0].Fields!["probabilities"].GetString());
        Assert.Equal(JsonValueKind.Null, records[1].Fields!["probabilities"].ValueKind);
        Assert.Equal("yes", records[0].Fields!["output"].GetString());
    }

    [Fact]
    public async Task Commit_EachWithRows_AddsOnePartAndReturnsThePartCount()
    {
        var path = _folder.PathOf("results.parquet");
        await using var writer = new ParquetRowWriter(path, []);

        Assert.Equal(0, await writer.CommitAsync(None));
        await writer.WriteAsync(OutputRows.Completion(id: "\"a\""), None);
        await writer.WriteAsync(OutputRows.Completion(id: "\"b\""), None);
        Assert.Equal(1, await writer.CommitAsync(None));
        Assert.Equal(1, await writer.CommitAsync(None));
        await writer.WriteAsync(OutputRows.Completion(id: "\"c\""), None);
        Assert.Equal(2, await writer.CommitAsync(None));

        Assert.Equal(["part-00000.parquet", "part-00001.parquet"], ParquetFiles.PartNames(path));
        Assert.Equal(["a", "b", "c"], (await ParquetFiles.ReadDatasetAsync(path)).Select(r => r["id"]));
    }

    [Fact]
    public async Task Resume_DeletesUncommittedParts_AndContinuesNumberingThere()
    {
        var path = _folder.PathOf("results.parquet");
        long checkpoint;
        await using (var writer = new ParquetRowWriter(path, []))
        {
            await writer.WriteAsync(OutputRows.Completion(id: "\"a\""), None);
            await writer.CommitAsync(None);
            await writer.WriteAsync(OutputRows.Completion(id: "\"b\""), None);
            checkpoint = await writer.CommitAsync(None);
            await writer.WriteAsync(OutputRows.Completion(id: "\"committed-but-not-checkpointed\""), None);
            await writer.CommitAsync(None);
            await writer.WriteAsync(OutputRows.Completion(id: "\"never-committed\""), None);
        }
        File.WriteAllText(Path.Combine(path, "part-00004.parquet.tmp"), "half a part");
        Assert.Equal(["part-00000.parquet", "part-00001.parquet", "part-00002.parquet", "part-00003.parquet", "part-00004.parquet.tmp"], ParquetFiles.PartNames(path));

        await using (var writer = new ParquetRowWriter(path, [], resumeFrom: checkpoint))
        {
            Assert.Equal(["part-00000.parquet", "part-00001.parquet"], ParquetFiles.PartNames(path));
            await writer.WriteAsync(OutputRows.Completion(id: "\"c\""), None);
            Assert.Equal(3, await writer.CommitAsync(None));
        }

        Assert.Equal(["a", "b", "c"], (await ParquetFiles.ReadDatasetAsync(path)).Select(r => r["id"]));
    }

    [Fact]
    public async Task Open_Fresh_DeletesExistingParts_ButLeavesOtherFiles()
    {
        var path = _folder.PathOf("results.parquet");
        await using (var writer = new ParquetRowWriter(path, []))
        {
            await writer.WriteAsync(OutputRows.Completion(id: "\"old\""), None);
            await writer.CommitAsync(None);
            await writer.WriteAsync(OutputRows.Completion(id: "\"old2\""), None);
            await writer.CommitAsync(None);
        }
        File.WriteAllText(Path.Combine(path, "README.txt"), "mine");

        await using (var writer = new ParquetRowWriter(path, []))
        {
            await writer.WriteAsync(OutputRows.Completion(id: "\"new\""), None);
            await writer.CommitAsync(None);
        }

        Assert.Equal(["README.txt", "part-00000.parquet"], ParquetFiles.PartNames(path));
        Assert.Equal(["new"], (await ParquetFiles.ReadDatasetAsync(path)).Select(r => r["id"]));
    }

    [Fact]
    public async Task Open_ResumingPastTheCommittedParts_Throws()
    {
        var path = _folder.PathOf("results.parquet");
        await using (var writer = new ParquetRowWriter(path, []))
        {
            await writer.WriteAsync(OutputRows.Completion(), None);
            await writer.CommitAsync(None);
        }

        var e = Assert.Throws<IOException>(() => new ParquetRowWriter(path, [], resumeFrom: 3));
        Assert.Contains("changed outside the job", e.Message);
    }

    [Fact]
    public void Open_WhenThePathIsAFile_Throws()
    {
        var path = _folder.Write("results.parquet", "not a folder"u8.ToArray());

        var e = Assert.Throws<IOException>(() => new ParquetRowWriter(path, []));
        Assert.Contains("folder of part files", e.Message);
    }

    [Fact]
    public async Task Dispose_WithUncommittedRows_WritesThemAsAPartAResumeWouldDelete()
    {
        var path = _folder.PathOf("results.parquet");
        await using (var writer = new ParquetRowWriter(path, []))
        {
            await writer.WriteAsync(OutputRows.Completion(id: "\"tail\""), None);
        }

        Assert.Equal(["part-00000.parquet"], ParquetFiles.PartNames(path));
        await using (new ParquetRowWriter(path, [], resumeFrom: 0))
        {
            Assert.Empty(ParquetFiles.PartNames(path));
        }
    }

    [Fact]
    public async Task Write_AfterCancellation_Throws()
    {
        await using var writer = new ParquetRowWriter(_folder.PathOf("results.parquet"), []);

        await Assert.ThrowsAsync<OperationCanceledException>(
            async () => await writer.WriteAsync(OutputRows.Completion(), new CancellationToken(canceled: true)));
    }

    /// <summary>The row holds exactly these columns with these values; every other column is a null cell.</summary>
    private static void AssertRow(Dictionary<string, object> row, params (string Column, object Value)[] expected)
    {
        var actual = row.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => (kv.Key, kv.Value));
        Assert.Equal(expected.OrderBy(e => e.Column, StringComparer.Ordinal).Select(e => (e.Column, e.Value)), actual);
    }
}
