using Batch.Cli.Running;
using Batch.Core.Jobs;

namespace Batch.Cli.Tests.Running;

public sealed class JobFingerprintsTests : IDisposable
{
    private readonly string _model = Path.GetTempFileName();

    public JobFingerprintsTests() => File.WriteAllBytes(_model, new byte[4096]);

    public void Dispose() => File.Delete(_model);

    [Fact]
    public void ChangedSchema_IsADifference_AndNoResponseFormatAddsNoSetting()
    {
        var plain = JobFingerprints.For(new JobSpec(), _model, 512, []);
        var a = JobFingerprints.For(new JobSpec { ResponseFormat = new ResponseFormatOptions { Schema = """{"type":"string"}""" } }, _model, 512, []);
        var b = JobFingerprints.For(new JobSpec { ResponseFormat = new ResponseFormatOptions { Schema = """{"type":"integer"}""" } }, _model, 512, []);

        Assert.DoesNotContain(plain.Settings, s => s.StartsWith("response_format", StringComparison.Ordinal));
        Assert.Empty(a.DifferencesFrom(a));
        Assert.Contains(b.DifferencesFrom(a), d => d.StartsWith("setting response_format.schema changed", StringComparison.Ordinal));
        Assert.Contains(a.DifferencesFrom(plain), d => d.Contains("response_format.schema", StringComparison.Ordinal));
    }
}
