using Batch.Cli.Jobs;

namespace Batch.Cli.Tests.Jobs;

/// <summary>A job file in its own temp folder, deleted on dispose.</summary>
internal sealed class TempJobFile : IDisposable
{
    /// <summary>The smallest valid job: every section but input takes its defaults.</summary>
    public const string MinimalYaml = "input: {paths: [data.jsonl]}\n";

    public TempJobFile(string yaml, string fileName = "job.yaml")
    {
        Folder = Path.Combine(Path.GetTempPath(), "batch-job-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
        FilePath = Path.Combine(Folder, fileName);
        File.WriteAllText(FilePath, yaml);
    }

    public string Folder { get; }

    public string FilePath { get; }

    public JobFileLoadResult Load() => JobFileLoader.Load(FilePath);

    /// <summary>Writes <paramref name="yaml"/> to a temp job file and loads it.</summary>
    public static JobFileLoadResult LoadYaml(string yaml)
    {
        using var file = new TempJobFile(yaml);
        return file.Load();
    }

    /// <summary>Loads YAML that must be invalid and returns its errors.</summary>
    public static IReadOnlyList<JobFileError> Errors(string yaml)
    {
        var result = LoadYaml(yaml);
        Assert.False(result.IsSuccess, "expected the job file to be invalid");
        return result.Errors;
    }

    /// <summary>Loads YAML that must be valid and returns the job.</summary>
    public static Batch.Core.Jobs.JobSpec Job(string yaml)
    {
        var result = LoadYaml(yaml);
        Assert.True(result.IsSuccess, string.Join("\n", result.Errors));
        return result.Job;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless; failing the test for it would not be.
        }
    }
}
