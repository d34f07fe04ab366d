using Batch.Core.Decoding;
using Xunit;

namespace Batch.Core.Tests.Decoding;

public sealed class KvCacheTypesTests
{
    [Theory]
    [InlineData("f16", KvCacheType.F16, KvCacheType.F16, "f16")]
    [InlineData("Q8_0", KvCacheType.Q8_0, KvCacheType.Q8_0, "q8_0")]
    [InlineData("q4_0/f16", KvCacheType.Q4_0, KvCacheType.F16, "q4_0/f16")]
    [InlineData(" q8_0 / q8_0 ", KvCacheType.Q8_0, KvCacheType.Q8_0, "q8_0")]
    public void TryParse_ReadsOneTypeOrAKeysValuesPair(string text, KvCacheType keys, KvCacheType values, string name)
    {
        Assert.True(KvCacheTypes.TryParse(text, out var types));
        Assert.Equal(new KvCacheTypes(keys, values), types);
        Assert.Equal(name, types.Name);
    }

    [Theory]
    [InlineData("")]
    [InlineData("q5_0")]
    [InlineData("1")]
    [InlineData("q4_0/")]
    [InlineData("f16/q8_0/q4_0")]
    public void TryParse_RefusesAnythingElse(string text) => Assert.False(KvCacheTypes.TryParse(text, out _));

    [Fact]
    public void OneType_ConvertsToBothHalves()
    {
        KvCacheTypes types = KvCacheType.Q4_0;
        Assert.Equal(new KvCacheTypes(KvCacheType.Q4_0, KvCacheType.Q4_0), types);
        Assert.True(types.IsQuantized);
        Assert.False(((KvCacheTypes)KvCacheType.F16).IsQuantized);
    }
}
