using System.CommandLine;
using System.Runtime.InteropServices;
using Batch.Cli.Jobs;
using Batch.Cli.Running;

namespace Batch.Cli.Commands;

/// <summary><c>batch run job.yaml [--restart]</c>: validate the job, then run or resume it.</summary>
public static class RunCommand
{
    public static Command Create(ModelResolver models)
    {
        var job = new Argument<FileInfo>("job") { Description = "The job file (YAML)" };
        var restart = new Option<bool>("--restart") { Description = "Ignore the checkpoint and start the job over" };
        var report = new Option<string?>("--report") { Description = "Write report.json and report.html into this folder" };
        var command = new Command("run", "Run a batch job (resuming from its checkpoint, if any)") { job, restart, report };
        command.SetAction((parse, _) => ExecuteAsync(parse.GetValue(job)!,
            new RunOptions(parse.GetValue(restart), parse.GetValue(report), parse.GetValue(job)!.FullName), models));
        return command;
    }

    private static async Task<int> ExecuteAsync(FileInfo jobFile, RunOptions options, ModelResolver models)
    {
        var loaded = JobFileLoader.Load(jobFile.FullName);
        if (!loaded.ReportErrors(Console.Error)) return ExitCodes.InvalidJob;
        using var stop = new CancellationTokenSource();
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => OnSignal(c, stop));
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => OnSignal(c, stop));
        var runner = new BatchRunner(Console.Error, !Console.IsErrorRedirected, TimeProvider.System, models);
        return await runner.RunAsync(loaded.Job!, options, stop.Token);
    }

    // First signal: stop admitting, write what is done, checkpoint, exit 130. Second: exit at once;
    // the last checkpoint is still valid, so the job stays resumable.
    private static void OnSignal(PosixSignalContext context, CancellationTokenSource stop)
    {
        context.Cancel = true;
        if (stop.IsCancellationRequested) Environment.Exit(ExitCodes.Interrupted);
        Console.Error.WriteLine("\nstopping: writing finished rows and a checkpoint (press Ctrl+C again to exit at once)");
        stop.Cancel();
    }
}
