namespace Batch.Cli.Tests.EndToEnd;

/// <summary>Every job file in jobs/ is valid as shipped (README tells users to run them).</summary>
public sealed class ShippedJobsTests : IDisposable
{
    private readonly JobWorkspace _work = new();

    public void Dispose() => _work.Dispose();

    public static TheoryData<string> JobFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Path.Combine(RunJobTests.RepositoryRoot(), "jobs"), "*.yaml").Order())
            data.Add(Path.GetFileName(file));
        return data;
    }

    [Theory]
    [MemberData(nameof(JobFiles))]
    public async Task ShippedJob_Validates(string name)
    {
        var result = await _work.RunCliAsync("validate", Path.Combine(RunJobTests.RepositoryRoot(), "jobs", name));

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
    }
}
