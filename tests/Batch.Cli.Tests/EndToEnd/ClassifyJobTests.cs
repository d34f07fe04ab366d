using System.Text.Json;

namespace Batch.Cli.Tests.EndToEnd;

public sealed class ClassifyJobTests : IDisposable
{
    private static readonly string[] Labels = ["positive", "negative", "neutral", "mixed feelings"];
    private readonly JobWorkspace _work = new();

    public void Dispose() => _work.Dispose();

    [Fact]
    public async Task ClassifyJob_GivesEachRowALabelAndProbabilitiesThatSumToOne()
    {
        var random = new Random(5);
        var rows = Enumerable.Range(0, 30).Select(i => RunJobTests.Row($"r{i}", RunJobTests.Words(random, 3 + i % 20), tag: i)).ToList();
        rows.Add("""{"id": "bad"}""");
        _work.WriteInput(rows);
        _work.WriteJob(extra: """
            task: classify
            classify:
              labels: [positive, negative, neutral, mixed feelings]
              threshold: 0.6
            """);

        var result = await _work.RunCliAsync("run", _work.JobPath);

        Assert.True(result.ExitCode == ExitCodes.FinishedWithFailedRows, result.ToString());
        var output = _work.ReadOutput();
        Assert.Equal(31, output.Count);
        Assert.Equal(31, output.Select(o => o.GetProperty("id").GetString()).Distinct().Count());
        foreach (var row in output.Where(o => o.GetProperty("error").ValueKind == JsonValueKind.Null))
        {
            var probabilities = row.GetProperty("probabilities").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetDouble());
            Assert.Equal(Labels, probabilities.Keys);
            Assert.Equal(1.0, probabilities.Values.Sum(), 6);
            var best = probabilities.MaxBy(p => p.Value);
            var label = row.GetProperty("label");
            if (best.Value < 0.6) Assert.Equal(JsonValueKind.Null, label.ValueKind);
            else Assert.Equal(best.Key, label.GetString());
            Assert.Equal(0, row.GetProperty("completion_tokens").GetInt32());
        }
        Assert.Contains("missing field 'text'", Assert.Single(output, o => o.GetProperty("id").GetString() == "bad").GetProperty("error").GetString());
    }

    [Fact]
    public async Task BadClassifySection_FailsBeforeTheModelLoads()
    {
        _work.WriteInput([RunJobTests.Row("a", "text")]);
        _work.WriteJob(model: "missing.gguf", extra: """
            task: classify
            classify:
              labels: [yes, yes]
              threshold: 2
            """);

        var result = await _work.RunCliAsync("validate", _work.JobPath);

        Assert.True(result.ExitCode == ExitCodes.InvalidJob, result.ToString());
        Assert.Contains("'yes' is listed twice", result.Stderr);
        Assert.Contains("threshold", result.Stderr);
    }
}
