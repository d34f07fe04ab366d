using System.CommandLine;
using Batch.Cli.Jobs;

namespace Batch.Cli.Commands;

/// <summary><c>batch validate job.yaml</c>: check a job file without loading a model.</summary>
public static class ValidateCommand
{
    public static Command Create()
    {
        var job = new Argument<FileInfo>("job") { Description = "The job file (YAML)" };
        var command = new Command("validate", "Check a job file without loading the model") { job };
        command.SetAction(parse =>
        {
            if (!JobFileLoader.Load(parse.GetValue(job)!.FullName).ReportErrors(Console.Error)) return ExitCodes.InvalidJob;
            Console.WriteLine($"{parse.GetValue(job)!.Name}: ok");
            return ExitCodes.Ok;
        });
        return command;
    }
}
