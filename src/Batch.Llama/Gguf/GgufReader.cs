using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Batch.Llama.Gguf;

/// <summary>Reads a GGUF file's header, key/values and tensor infos without touching the weights.</summary>
public static class GgufReader
{
    /// <summary>Reads the metadata; a missing, unreadable or malformed file is an error message naming it.</summary>
    public static bool TryRead(string path, [NotNullWhen(true)] out GgufMetadata? metadata, [NotNullWhen(false)] out string? error)
    {
        metadata = null;
        try
        {
            if (Directory.Exists(path))
            {
                error = $"'{path}' is a directory, not a GGUF file.";
                return false;
            }

            if (!File.Exists(path))
            {
                error = $"Model file '{path}' does not exist.";
                return false;
            }

            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
            return TryRead(stream, path, out metadata, out error);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error = $"Cannot read '{path}': {e.Message}";
            return false;
        }
    }

    /// <summary>Reads the metadata from a stream positioned at the file start; <paramref name="name"/> labels errors.</summary>
    public static bool TryRead(Stream stream, string name, [NotNullWhen(true)] out GgufMetadata? metadata, [NotNullWhen(false)] out string? error)
    {
        metadata = null;
        using var reader = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
        try
        {
            if (stream.Length < 8 || reader.ReadUInt32() != GgufWriter.Magic)
            {
                error = $"'{name}' is not a GGUF file (no GGUF magic at its start).";
                return false;
            }

            var version = reader.ReadUInt32();
            if (version is < 2 or > 3)
            {
                error = $"'{name}' is GGUF version {version}; only versions 2 and 3 are supported.";
                return false;
            }

            metadata = ReadBody(new GgufValueReader(reader, stream.Length), version);
            error = null;
            return true;
        }
        catch (EndOfStreamException)
        {
            error = $"'{name}' is truncated: its GGUF header ends early.";
            return false;
        }
        catch (InvalidDataException e)
        {
            error = $"'{name}' is not a valid GGUF file: {e.Message}";
            return false;
        }
    }

    private static GgufMetadata ReadBody(GgufValueReader input, uint version)
    {
        var tensorCount = input.ReadCount("tensor count", minBytesEach: 24);
        var valueCount = input.ReadCount("key/value count", minBytesEach: 12);
        var values = new Dictionary<string, GgufValue>(StringComparer.Ordinal);
        for (var i = 0; i < valueCount; i++)
        {
            var key = input.ReadString();
            values[key] = input.ReadValue();
        }

        var tensors = new List<GgufTensorInfo>(tensorCount);
        for (var i = 0; i < tensorCount; i++)
        {
            tensors.Add(input.ReadTensorInfo());
        }

        var alignment = values.TryGetValue("general.alignment", out var declared) && declared.TryGetInteger(out var a)
            ? (uint)a
            : GgufWriter.DefaultAlignment;
        if (alignment == 0 || (alignment & (alignment - 1)) != 0)
        {
            throw new InvalidDataException($"general.alignment {alignment} is not a power of two.");
        }

        var dataOffset = (long)GgufStreamWriter.Align((ulong)input.Position, alignment);
        return new GgufMetadata(version, values, tensors, alignment, dataOffset);
    }
}
