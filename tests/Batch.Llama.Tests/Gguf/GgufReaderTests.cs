using System.Buffers.Binary;
using Batch.Llama.Gguf;
using Batch.Testing;

namespace Batch.Llama.Tests.Gguf;

public sealed class GgufReaderTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("gguf-reader-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void TryRead_MissingFile_ReturnsErrorNamingIt()
    {
        var path = Path.Combine(_folder, "absent.gguf");

        Assert.False(GgufReader.TryRead(path, out _, out var error));
        Assert.Contains(path, error);
    }

    [Fact]
    public void TryRead_Directory_ReturnsError()
    {
        Assert.False(GgufReader.TryRead(_folder, out _, out var error));
        Assert.Contains("directory", error);
    }

    [Theory]
    [InlineData("")]
    [InlineData("GG")]
    [InlineData("{\"this\": \"is json\"}")]
    public void TryRead_NotGguf_ReturnsErrorNamingIt(string content)
    {
        var path = Write("not.gguf", System.Text.Encoding.UTF8.GetBytes(content));

        Assert.False(GgufReader.TryRead(path, out _, out var error));
        Assert.Contains("not a GGUF file", error);
        Assert.Contains(path, error);
    }

    [Fact]
    public void TryRead_TruncatedModel_ReturnsError()
    {
        var head = File.ReadAllBytes(TinyModel.Path).AsSpan(0, 300).ToArray();
        var path = Write("truncated.gguf", head);

        Assert.False(GgufReader.TryRead(path, out _, out var error));
        Assert.Contains(path, error);
    }

    [Fact]
    public void TryRead_AbsurdCounts_ReturnsErrorWithoutAllocating()
    {
        var bytes = new byte[24];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, GgufWriter.Magic);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(4), 3);
        BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(8), ulong.MaxValue / 2);
        var path = Write("huge.gguf", bytes);

        Assert.False(GgufReader.TryRead(path, out _, out var error));
        Assert.Contains("does not fit", error);
    }

    [Fact]
    public void TryRead_UnsupportedVersion_ReturnsError()
    {
        var bytes = new byte[24];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, GgufWriter.Magic);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(4), 1);
        var path = Write("v1.gguf", bytes);

        Assert.False(GgufReader.TryRead(path, out _, out var error));
        Assert.Contains("version 1", error);
    }

    private string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }
}
