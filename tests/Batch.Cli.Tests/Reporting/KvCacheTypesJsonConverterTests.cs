using System.Text.Json;
using Batch.Cli.Reporting;
using Batch.Core.Decoding;
using Batch.Core.Jobs;

namespace Batch.Cli.Tests.Reporting;

public sealed class KvCacheTypesJsonConverterTests
{
    [Theory]
    [InlineData(KvCacheType.Q8_0, KvCacheType.Q8_0, "q8_0")]
    [InlineData(KvCacheType.Q4_0, KvCacheType.F16, "q4_0/f16")]
    public void ReportJson_WritesTheCacheTypesAsTheJobFileSpellsThem_AndReadsThemBack(KvCacheType keys, KvCacheType values, string name)
    {
        var kv = new KvOptions { CacheType = new KvCacheTypes(keys, values) };

        var json = JsonSerializer.Serialize(kv, ReportJson.Options);

        Assert.Equal(name, JsonDocument.Parse(json).RootElement.GetProperty("cache_type").GetString());
        Assert.Equal(kv.CacheType, JsonSerializer.Deserialize<KvOptions>(json, ReportJson.Options)!.CacheType);
    }

    [Fact]
    public void ReportJson_RefusesAnUnknownCacheType()
    {
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<KvOptions>("""{"cache_type": "q9"}""", ReportJson.Options));
    }
}
