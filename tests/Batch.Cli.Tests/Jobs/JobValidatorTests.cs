using Batch.Cli.Jobs;
using Batch.Core.Text;

namespace Batch.Cli.Tests.Jobs;

public sealed class JobValidatorTests
{
    [Theory]
    [InlineData("data.jsonl")]
    [InlineData("data/part-1.JSONL")]
    [InlineData("data/*.jsonl")]
    [InlineData("data/**/*.jsonl")]
    [InlineData("data/*")]
    [InlineData("data/part-?")]
    [InlineData("data/file.*")]
    [InlineData(@"C:\data\rows.jsonl")]
    public void CheckInputPath_JsonlOrOpenGlob_IsFine(string path)
    {
        Assert.Null(JobValidator.CheckInputPath(path));
    }

    [Theory]
    [InlineData("data.csv", "unsupported extension '.csv'; supported: .jsonl")]
    [InlineData("data/*.csv", "unsupported extension '.csv'")]
    [InlineData("data/rows", "has no file extension; supported: .jsonl")]
    [InlineData("data/", "names a folder")]
    public void CheckInputPath_OtherFiles_SayWhy(string path, string expected)
    {
        Assert.Contains(expected, JobValidator.CheckInputPath(path), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("synthetic:tiny", null)]
    [InlineData("m.gguf", null)]
    [InlineData("synthetic:", "unknown synthetic model ''")]
    [InlineData("synthetic:Tiny", "unknown synthetic model 'Tiny'")]
    [InlineData("model.safetensors", "expected a .gguf file")]
    public void CheckModelPath(string path, string? expected)
    {
        var problem = JobValidator.CheckModelPath(path);

        if (expected is null)
        {
            Assert.Null(problem);
        }
        else
        {
            Assert.Contains(expected, problem, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void PlaceholdersMissingFrom_ListsOnlyUnlistedOnes_InTemplateOrder()
    {
        var template = PromptTemplate.Parse("{c} {a} {b} {c}");

        Assert.Equal(["c", "b"], JobValidator.PlaceholdersMissingFrom(template, ["a"]));
    }
}
