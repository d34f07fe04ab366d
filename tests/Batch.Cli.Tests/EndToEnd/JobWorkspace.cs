using System.Diagnostics;
using System.Text.Json;
using Batch.Testing;

namespace Batch.Cli.Tests.EndToEnd;

/// <summary>A temp folder with an input JSONL, a job file over the tiny test model, and ways to run it.</summary>
internal sealed class JobWorkspace : IDisposable
{
    public JobWorkspace()
    {
        Folder = Path.Combine(Path.GetTempPath(), "batch-e2e", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
    }

    public string Folder { get; }
    public string JobPath => Path.Combine(Folder, "job.yaml");
    public string OutputPath => Path.Combine(Folder, "out", "output.jsonl");

    public void WriteInput(IEnumerable<string> lines, string name = "input.jsonl") =>
        File.WriteAllLines(Path.Combine(Folder, name), lines);

    /// <summary>Writes a job over the tiny model; <paramref name="extra"/> adds or overrides sections.</summary>
    public void WriteJob(string generation = "max_tokens: 8", string scheduler = "max_sequences: 8\n  max_batch_tokens: 128", string model = "", string extra = "", string output = "")
    {
        var modelPath = model.Length > 0 ? model : TinyModel.Path;
        File.WriteAllText(JobPath, $"""
            version: 1
            model:
              path: "{modelPath}"
              context: 512
              threads: 2
            input:
              paths: [input.jsonl]
            prompt:
              template: "Summarize: {"{text}"}"
            generation:
              {generation}
            output:
              path: out/output.jsonl
              carry: [tag]
              {output}
            scheduler:
              {scheduler}
            {extra}
            """);
    }

    public IReadOnlyList<JsonElement> ReadOutput() =>
        File.ReadAllLines(OutputPath).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();

    /// <summary>Starts the real CLI as a child process, for tests that kill it.</summary>
    public Process StartCli(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Folder };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "batch.dll"));
        foreach (var a in args) start.ArgumentList.Add(a);
        return Process.Start(start)!;
    }

    /// <summary>Runs the real CLI as a child process.</summary>
    public async Task<CliResult> RunCliAsync(params string[] args)
    {
        var cli = Path.Combine(AppContext.BaseDirectory, "batch.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Folder };
        start.ArgumentList.Add(cli);
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("the CLI did not finish in 3 minutes");
        }
        return new CliResult(process.ExitCode, await stdout, await stderr);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
