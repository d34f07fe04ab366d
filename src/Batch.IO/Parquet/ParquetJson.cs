using System.Buffers;
using System.Collections;
using System.Globalization;
using System.Numerics;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Batch.IO.Parquet;

/// <summary>Turns one row of Parquet values (as Parquet.Net's untyped reader gives them) into JSON fields.</summary>
internal static class ParquetJson
{
    // Raw text of nested values stays readable (CJK, emoji) when a writer carries it on.
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>One field per column, in schema order; <paramref name="cells"/> holds the row's values in the same order, null for a null cell.</summary>
    public static Dictionary<string, JsonElement> ToFields(IReadOnlyList<string> columns, IReadOnlyList<object?> cells)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            json.WriteStartObject();
            for (var c = 0; c < columns.Count; c++)
            {
                json.WritePropertyName(columns[c]);
                WriteValue(json, cells[c]);
            }
            json.WriteEndObject();
        }
        var reader = new Utf8JsonReader(buffer.WrittenSpan);
        var root = JsonElement.ParseValue(ref reader);
        var fields = new Dictionary<string, JsonElement>(columns.Count, StringComparer.Ordinal);
        foreach (var property in root.EnumerateObject()) fields[property.Name] = property.Value;
        return fields;
    }

    /// <summary>Writes one Parquet value: numbers as numbers, dates as ISO strings, bytes as base64, lists and structs nested.</summary>
    public static void WriteValue(Utf8JsonWriter json, object? value)
    {
        switch (value)
        {
            case null: json.WriteNullValue(); break;
            case string s: json.WriteStringValue(s); break;
            case ReadOnlyMemory<char> chars: json.WriteStringValue(chars.Span); break;
            case bool b: json.WriteBooleanValue(b); break;
            case byte[] bytes: json.WriteBase64StringValue(bytes); break;
            case ReadOnlyMemory<byte> bytes: json.WriteBase64StringValue(bytes.Span); break;
            case sbyte or byte or short or ushort or int or uint or long: json.WriteNumberValue(Convert.ToInt64(value, CultureInfo.InvariantCulture)); break;
            case ulong u: json.WriteNumberValue(u); break;
            case float f: WriteFloat(json, f); break;
            case double d: WriteFloat(json, d); break;
            case Half h: WriteFloat(json, (double)h); break;
            case decimal m: json.WriteNumberValue(m); break;
            case BigInteger big: json.WriteRawValue(big.ToString(CultureInfo.InvariantCulture)); break;
            case DateTime dt: json.WriteStringValue(dt); break;
            case DateTimeOffset dto: json.WriteStringValue(dto); break;
            case DateOnly date: json.WriteStringValue(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)); break;
            case TimeOnly time: json.WriteStringValue(time.ToString("HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture)); break;
            case TimeSpan span: json.WriteStringValue(span.ToString("c", CultureInfo.InvariantCulture)); break;
            case Guid guid: json.WriteStringValue(guid); break;
            case IDictionary map: WriteObject(json, map); break;
            case IEnumerable items: WriteArray(json, items); break;
            default: json.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture)); break;
        }
    }

    // JSON has no NaN or infinities; their names as strings keep the row usable in a prompt.
    private static void WriteFloat(Utf8JsonWriter json, double value)
    {
        if (double.IsFinite(value)) json.WriteNumberValue(value);
        else json.WriteStringValue(value.ToString(CultureInfo.InvariantCulture));
    }

    private static void WriteObject(Utf8JsonWriter json, IDictionary map)
    {
        json.WriteStartObject();
        foreach (DictionaryEntry entry in map)
        {
            json.WritePropertyName(KeyText(entry.Key));
            WriteValue(json, entry.Value);
        }
        json.WriteEndObject();
    }

    private static void WriteArray(Utf8JsonWriter json, IEnumerable items)
    {
        json.WriteStartArray();
        foreach (var item in items) WriteValue(json, item);
        json.WriteEndArray();
    }

    private static string KeyText(object key) => key switch
    {
        string s => s,
        ReadOnlyMemory<char> chars => chars.ToString(),
        _ => Convert.ToString(key, CultureInfo.InvariantCulture) ?? "",
    };
}
