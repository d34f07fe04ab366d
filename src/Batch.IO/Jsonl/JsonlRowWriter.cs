using System.Text.Encodings.Web;
using System.Text.Json;
using Batch.Core.Rows;
using Batch.Core.Scheduling;

namespace Batch.IO.Jsonl;

/// <summary>
/// Writes rows as JSONL, one object per line: by default the output format (id, carried fields,
/// output, finish_reason, token counts, error); <see cref="WriteError"/> gives the errors file's.
/// </summary>
public sealed class JsonlRowWriter : IRowWriter
{
    // Non-ASCII text stays readable in the file; only what JSON requires is escaped.
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private readonly FileStream _stream;
    private readonly Utf8JsonWriter _json;
    private readonly Action<Utf8JsonWriter, OutputRow> _format;

    /// <summary>Opens <paramref name="path"/> fresh, or resuming: cut back to <paramref name="resumeFrom"/> bytes and appended to.</summary>
    public JsonlRowWriter(string path, long? resumeFrom = null, Action<Utf8JsonWriter, OutputRow>? format = null)
    {
        _format = format ?? Write;
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        _stream = new FileStream(path, resumeFrom is null ? FileMode.Create : FileMode.OpenOrCreate, FileAccess.Write, FileShare.Read, 1 << 16, useAsync: true);
        if (resumeFrom is { } position)
        {
            // Whatever lies past the last commit was never claimed by a checkpoint: a torn line or rows to redo.
            var length = _stream.Length;
            if (length < position)
            {
                _stream.Dispose();
                throw new IOException($"'{path}' is shorter ({length} bytes) than its checkpoint says ({position}); it was changed outside the job");
            }
            _stream.SetLength(position);
            _stream.Seek(position, SeekOrigin.Begin);
        }
        _json = new Utf8JsonWriter(_stream, Options);
    }

    public async ValueTask WriteAsync(OutputRow row, CancellationToken cancellationToken)
    {
        _format(_json, row);
        await _json.FlushAsync(cancellationToken);
        _json.Reset();
        _stream.WriteByte((byte)'\n');
    }

    public async ValueTask<long> CommitAsync(CancellationToken cancellationToken)
    {
        await _json.FlushAsync(cancellationToken);
        await _stream.FlushAsync(cancellationToken);
        _stream.Flush(flushToDisk: true);
        return _stream.Position;
    }

    public async ValueTask DisposeAsync()
    {
        await _json.FlushAsync();
        await _json.DisposeAsync();
        await _stream.DisposeAsync();
    }

    /// <summary>Writes one row as a JSON object (no newline).</summary>
    public static void Write(Utf8JsonWriter json, OutputRow row)
    {
        json.WriteStartObject();
        json.WritePropertyName("id");
        WriteValue(json, row.Id);
        foreach (var (name, value) in row.Carry)
        {
            if (name is "id" or "output" or "finish_reason" or "prompt_tokens" or "completion_tokens" or "error" or "label" or "probabilities") continue;
            json.WritePropertyName(name);
            WriteValue(json, value);
        }
        if (row.Output is null) json.WriteNull("output");
        else json.WriteString("output", row.Output);
        json.WriteString("finish_reason", Name(row.FinishReason));
        json.WriteNumber("prompt_tokens", row.PromptTokens);
        json.WriteNumber("completion_tokens", row.CompletionTokens);
        if (row.Error is null) json.WriteNull("error");
        else json.WriteString("error", row.Error);
        if (row.Classification is { } classification)
        {
            if (classification.Label is null) json.WriteNull("label");
            else json.WriteString("label", classification.Label);
            json.WriteStartObject("probabilities");
            foreach (var (label, p) in classification.Probabilities) json.WriteNumber(label, p);
            json.WriteEndObject();
        }
        if (row.TokenIds is { } ids)
        {
            json.WriteStartArray("token_ids");
            foreach (var id in ids) json.WriteNumberValue(id);
            json.WriteEndArray();
        }
        json.WriteEndObject();
    }

    /// <summary>The errors file's line: id, source file, line or row number, reason.</summary>
    public static void WriteError(Utf8JsonWriter json, OutputRow row)
    {
        json.WriteStartObject();
        json.WritePropertyName("id");
        WriteValue(json, row.Id);
        json.WriteString("source", row.Source);
        json.WriteNumber("line", row.Line);
        json.WriteString("reason", row.Error);
        json.WriteEndObject();
    }

    private static void WriteValue(Utf8JsonWriter json, JsonElement? value)
    {
        if (value is { } v) v.WriteTo(json);
        else json.WriteNullValue();
    }

    private static string Name(FinishReason reason) => reason switch
    {
        FinishReason.Stop => "stop",
        FinishReason.Length => "length",
        _ => "error",
    };
}
