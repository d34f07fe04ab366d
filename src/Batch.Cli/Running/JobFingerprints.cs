using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Batch.Core.Checkpointing;
using Batch.Core.Jobs;
using Batch.IO.Files;

namespace Batch.Cli.Running;

/// <summary>Builds a job's fingerprint: what its results depend on (not how fast it runs).</summary>
public static class JobFingerprints
{
    public static JobFingerprint For(JobSpec job, string modelPath, int context, IReadOnlyList<string> inputFiles)
    {
        var g = job.Generation;
        string F(double v) => v.ToString("R", CultureInfo.InvariantCulture);
        var settings = new[]
        {
            $"model.context={context}",
            $"input.id={job.Input.Id}",
            $"input.fields={JsonSerializer.Serialize(job.Input.Fields)}",
            $"output.carry={JsonSerializer.Serialize(job.Output.Carry)}",
            $"generation.max_tokens={g.MaxTokens}",
            $"generation.max_tokens_field={g.MaxTokensField}",
            $"generation.temperature={F(g.Temperature)}",
            $"generation.top_k={g.TopK}",
            $"generation.top_p={F(g.TopP)}",
            $"generation.min_p={F(g.MinP)}",
            $"generation.repeat_penalty={F(g.RepeatPenalty)}",
            $"generation.seed={g.Seed}",
            $"generation.stop={JsonSerializer.Serialize(g.Stop)}",
            $"generation.ignore_eos={g.IgnoreEos}",
        };
        // Summaries add their settings only when used, so the fingerprints of other jobs stay as they were.
        if (job.Task != JobTask.Generate)
            settings = [.. settings, $"task={job.Task}", $"prompt.reduce_template={job.Prompt.ReduceTemplate}"];
        if (job.Chunking is { } c)
            settings = [.. settings, $"chunking.field={c.Field}", $"chunking.max_tokens={c.MaxTokens}", $"chunking.overlap={c.Overlap}"];
        // Chat and format settings join only when set, so checkpoints of jobs that never used them stay valid.
        var defaults = new JobSpec();
        if (job.Model.ChatTemplate != defaults.Model.ChatTemplate) settings = [.. settings, $"model.chat_template={job.Model.ChatTemplate}"];
        if (job.Prompt.Chat) settings = [.. settings, "prompt.chat=True"];
        if (job.Input.Messages != defaults.Input.Messages) settings = [.. settings, $"input.messages={job.Input.Messages}"];
        if (job.Input.Format != defaults.Input.Format) settings = [.. settings, $"input.format={job.Input.Format}"];
        // Only when set, so checkpoints written before response_format existed still resume.
        if (job.ResponseFormat is { } format)
        {
            var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(format.Schema)))[..16];
            settings = [.. settings, $"response_format.schema=sha256:{hash}"];
        }
        var prompt = JsonSerializer.Serialize(new { job.Prompt.System, job.Prompt.Template });
        return new JobFingerprint(FileIdentity.OfModel(modelPath), prompt, settings, inputFiles.Select(FileIdentity.OfInput).ToArray());
    }
}
