using System.CommandLine;
using Batch.Cli.Jobs;
using Batch.Cli.Running;

namespace Batch.Cli.Commands;

/// <summary><c>batch run job.yaml</c>: validate the job, then run it.</summary>
public static class RunCommand
{
    public static Command Create(ModelResolver models)
    {
        var job = new Argument<FileInfo>("job") { Description = "The job file (YAML)" };
        var command = new Command("run", "Run a batch job") { job };
        command.SetAction((parse, cancellationToken) => ExecuteAsync(parse.GetValue(job)!, models, cancellationToken));
        return command;
    }

    private static async Task<int> ExecuteAsync(FileInfo jobFile, ModelResolver models, CancellationToken cancellationToken)
    {
        var loaded = JobFileLoader.Load(jobFile.FullName);
        if (!loaded.IsSuccess)
        {
            foreach (var error in loaded.Errors) await Console.Error.WriteLineAsync(error.ToString());
            return ExitCodes.InvalidJob;
        }
        var runner = new BatchRunner(Console.Error, !Console.IsErrorRedirected, TimeProvider.System, models);
        return await runner.RunAsync(loaded.Job!, cancellationToken);
    }
}
