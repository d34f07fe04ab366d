using Batch.Core.Jobs;

namespace Batch.Cli.Jobs;

/// <summary>The job <c>batch run --openai-batch in.jsonl --model m.gguf --output out.jsonl</c> runs: every other key at its default.</summary>
public static class OpenAiBatchJob
{
    /// <summary>A job over the OpenAI batch file, or every problem with the options; relative paths resolve against <paramref name="baseDirectory"/>.</summary>
    public static bool TryCreate(string input, string? model, string? output, string? errors, string baseDirectory,
        out JobSpec? job, out IReadOnlyList<string> problems)
    {
        var found = new List<string>();
        if (JobValidator.CheckInputPath(input) is { } inputProblem) found.Add($"--openai-batch: {inputProblem}");
        if (model is null) found.Add("--model is required with --openai-batch (a .gguf file or synthetic:tiny|small|bench)");
        else if (JobValidator.CheckModelPath(model) is { } modelProblem) found.Add($"--model: {modelProblem}");
        if (output is null) found.Add("--output is required with --openai-batch (a .jsonl file)");
        else if (JobValidator.CheckErrorsPath(output) is { } outputProblem) found.Add($"--output: {outputProblem}");
        if (errors is not null && JobValidator.CheckErrorsPath(errors) is { } errorsProblem) found.Add($"--errors: {errorsProblem}");
        problems = found;
        job = found.Count > 0 ? null : new JobSpec
        {
            Model = new ModelOptions { Path = model! },
            Input = new InputOptions { Paths = [input], Format = InputOptions.OpenAiBatchFormat },
            Output = new OutputOptions { Path = output!, Errors = errors },
            BaseDirectory = baseDirectory,
        };
        return job is not null;
    }
}
