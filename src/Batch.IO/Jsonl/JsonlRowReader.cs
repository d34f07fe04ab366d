using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Batch.Core.Rows;

namespace Batch.IO.Jsonl;

/// <summary>
/// Streams JSONL files line by line. A line that is not a JSON object, or not valid UTF-8,
/// becomes a record with a parse error naming its line; blank lines are skipped but counted.
/// </summary>
public sealed class JsonlRowReader(IReadOnlyList<string> files) : IRowReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public async IAsyncEnumerable<InputRecord> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var file in files)
        {
            await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
            var lineNumber = 0L;
            await foreach (var line in JsonlLineSplitter.ReadLinesAsync(stream, cancellationToken))
            {
                lineNumber++;
                var record = Parse(file, lineNumber, line.Span);
                line.Dispose();
                if (record is not null) yield return record;
            }
        }
    }

    /// <summary>Parses one line; null for a blank line.</summary>
    public static InputRecord? Parse(string file, long lineNumber, ReadOnlySpan<byte> line)
    {
        if (lineNumber == 1 && line.StartsWith("\uFEFF"u8)) line = line[3..];
        if (line.EndsWith("\r"u8)) line = line[..^1];
        if (line.Trim(" \t"u8).IsEmpty) return null;
        try
        {
            StrictUtf8.GetCharCount(line);
        }
        catch (DecoderFallbackException)
        {
            return new InputRecord(file, lineNumber, null, "the line is not valid UTF-8");
        }
        try
        {
            using var doc = JsonDocument.Parse(line.ToArray());
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
                return new InputRecord(file, lineNumber, null, "the line is JSON but not an object");
            var root = doc.RootElement.Clone();
            var fields = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
            foreach (var property in root.EnumerateObject()) fields[property.Name] = property.Value;
            return new InputRecord(file, lineNumber, fields);
        }
        catch (JsonException e)
        {
            return new InputRecord(file, lineNumber, null, $"the line is not valid JSON ({Describe(e)})");
        }
    }

    private static string Describe(JsonException e) =>
        e.BytePositionInLine is { } at ? $"at byte {at + 1}" : e.Message;
}
