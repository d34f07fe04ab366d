using System.CommandLine;
using Batch.Cli.Jobs;
using Batch.Cli.Running;
using Batch.IO.Files;

namespace Batch.Cli.Commands;

/// <summary><c>batch plan job.yaml</c>: how the job's memory would be laid out, without loading weights.</summary>
public static class PlanCommand
{
    public static Command Create(ModelResolver models)
    {
        var job = new Argument<FileInfo>("job") { Description = "The job file (YAML)" };
        var command = new Command("plan", "Print the memory plan: weights, KV per token, pool, concurrency, versus static slots") { job };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var loaded = JobFileLoader.Load(parse.GetValue(job)!.FullName);
            if (!loaded.ReportErrors(Console.Error)) return ExitCodes.InvalidJob;
            var spec = loaded.Job!;
            if (!InputFiles.TryExpand(spec.BaseDirectory, spec.Input.Paths, out var files, out var inputErrors))
            {
                foreach (var e in inputErrors) await Console.Error.WriteLineAsync($"error: {e}");
                return ExitCodes.InvalidJob;
            }
            if (!models.TryResolve(spec.Model.Path, spec.BaseDirectory, Console.Error, out var modelPath, out var modelError))
            {
                await Console.Error.WriteLineAsync($"error: {modelError}");
                return ExitCodes.Fatal;
            }
            var chat = Batch.Llama.Chat.ChatTemplateResolver.Resolve(spec.Model.ChatTemplate, modelPath!);
            var (plan, context, planError) = await JobPlanner.PlanAsync(spec, files, modelPath!, chat, cancellationToken);
            if (plan is not null) Console.WriteLine(JobPlanner.Format(plan, context, spec.Scheduler.MaxSequences));
            if (planError is null) return ExitCodes.Ok;
            await Console.Error.WriteLineAsync($"error: {planError}");
            return plan is null ? ExitCodes.Fatal : ExitCodes.InvalidJob;
        });
        return command;
    }
}
