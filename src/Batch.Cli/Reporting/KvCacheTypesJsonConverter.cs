using System.Text.Json;
using System.Text.Json.Serialization;
using Batch.Core.Decoding;

namespace Batch.Cli.Reporting;

/// <summary>Writes KV cache types as the job file spells them (<c>q8_0</c>, <c>q4_0/f16</c>), so <c>report.json</c> shows the setting as it was written.</summary>
public sealed class KvCacheTypesJsonConverter : JsonConverter<KvCacheTypes>
{
    public override KvCacheTypes Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        KvCacheTypes.TryParse(reader.GetString(), out var types) ? types : throw new JsonException($"unknown KV cache type '{reader.GetString()}'");

    public override void Write(Utf8JsonWriter writer, KvCacheTypes value, JsonSerializerOptions options) => writer.WriteStringValue(value.Name);
}
