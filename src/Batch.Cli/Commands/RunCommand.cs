using System.CommandLine;
using System.Runtime.InteropServices;
using Batch.Cli.Jobs;
using Batch.Cli.Running;
using Batch.Core.Jobs;

namespace Batch.Cli.Commands;

/// <summary>
/// <c>batch run job.yaml [--restart]</c>, or <c>batch run --openai-batch in.jsonl --model m.gguf --output out.jsonl</c>:
/// validate the job, then run or resume it.
/// </summary>
public static class RunCommand
{
    public static Command Create(ModelResolver models)
    {
        var job = new Argument<FileInfo?>("job") { Description = "The job file (YAML)", Arity = ArgumentArity.ZeroOrOne };
        var restart = new Option<bool>("--restart") { Description = "Ignore the checkpoint and start the job over" };
        var report = new Option<string?>("--report") { Description = "Write report.json and report.html into this folder" };
        var openAi = new Option<string?>("--openai-batch") { Description = "Run an OpenAI Batch API request file (JSONL) without a job file" };
        var model = new Option<string?>("--model") { Description = "With --openai-batch: a .gguf file or synthetic:tiny|small|bench" };
        var output = new Option<string?>("--output") { Description = "With --openai-batch: the output file (.jsonl)" };
        var errors = new Option<string?>("--errors") { Description = "With --openai-batch: the error file (default <output>.errors.jsonl)" };
        var command = new Command("run", "Run a batch job (resuming from its checkpoint, if any)") { job, restart, report, openAi, model, output, errors };
        command.SetAction((parse, _) =>
        {
            var jobFile = parse.GetValue(job);
            var options = new RunOptions(parse.GetValue(restart), parse.GetValue(report), jobFile?.FullName);
            var batchFile = parse.GetValue(openAi);
            if (jobFile is not null && batchFile is null && parse.GetValue(model) is null && parse.GetValue(output) is null && parse.GetValue(errors) is null)
                return ExecuteAsync(jobFile, options, models);
            if (jobFile is not null || batchFile is null)
                return Refuse("give a job file, or --openai-batch with --model and --output (not both)");
            return OpenAiBatchJob.TryCreate(batchFile, parse.GetValue(model), parse.GetValue(output), parse.GetValue(errors),
                Environment.CurrentDirectory, out var spec, out var problems)
                ? RunAsync(spec!, options, models)
                : Refuse(string.Join(Environment.NewLine + "error: ", problems));
        });
        return command;
    }

    private static async Task<int> ExecuteAsync(FileInfo jobFile, RunOptions options, ModelResolver models)
    {
        var loaded = JobFileLoader.Load(jobFile.FullName);
        if (!loaded.ReportErrors(Console.Error)) return ExitCodes.InvalidJob;
        return await RunAsync(loaded.Job, options, models);
    }

    private static async Task<int> RunAsync(JobSpec job, RunOptions options, ModelResolver models)
    {
        using var stop = new CancellationTokenSource();
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => OnSignal(c, stop));
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => OnSignal(c, stop));
        var runner = new BatchRunner(Console.Error, !Console.IsErrorRedirected, TimeProvider.System, models);
        return await runner.RunAsync(job, options, stop.Token);
    }

    private static async Task<int> Refuse(string message)
    {
        await Console.Error.WriteLineAsync($"error: {message}");
        return ExitCodes.InvalidJob;
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
