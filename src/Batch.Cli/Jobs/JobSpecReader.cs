using Batch.Core.Decoding;
using Batch.Core.Jobs;
using Batch.Core.Rows;
using Batch.Core.Text;
using YamlDotNet.RepresentationModel;

namespace Batch.Cli.Jobs;

/// <summary>Walks a job file's YAML tree into a <see cref="JobSpec"/>, reporting every bad key or value with its position.</summary>
internal sealed class JobSpecReader(JobFileErrorList errors)
{
    private static readonly IReadOnlyList<string> TopKeys =
        ["version", "task", "classify", "chunking", "model", "input", "prompt", "generation", "output", "scheduler", "checkpoint", "kv", "workers", "response_format"];
    private static readonly IReadOnlyList<string> ModelKeys = ["path", "context", "threads", "chat_template"];
    private static readonly IReadOnlyList<string> InputKeys = ["paths", "id", "fields", "messages", "format"];
    private static readonly IReadOnlyList<string> PromptKeys = ["system", "template", "reduce_template", "chat"];
    private static readonly IReadOnlyList<string> GenerationKeys =
        ["max_tokens", "max_tokens_field", "temperature", "top_k", "top_p", "min_p", "repeat_penalty", "seed", "stop", "ignore_eos"];
    private static readonly IReadOnlyList<string> OutputKeys = ["path", "carry", "errors", "include_token_ids"];
    private static readonly IReadOnlyList<string> WorkersKeys = ["cpu", "threads_per_worker", "devices", "fault_injection", "locked_decode"];
    private static readonly IReadOnlyList<string> FaultKeys = ["worker", "at_step", "times"];
    private static readonly IReadOnlyList<string> CheckpointKeys = ["every_rows", "every_seconds"];
    private static readonly IReadOnlyList<string> KvKeys = ["cache_type", "prefix_sharing", "prefix_cache", "block_size", "memory_budget", "layout"];
    private static readonly IReadOnlyList<string> SchedulerKeys = ["max_sequences", "max_batch_tokens", "admission_window"];

    private const int MaxStopCount = 16;

    public JobSpec Read(YamlMappingNode root, string baseDirectory)
    {
        var top = new YamlMappingReader(root, "", TopKeys, root.Start, errors);
        var version = top.Integer("version", 1, v => v == 1, "1 (the only version this build reads)");
        var task = TaskSectionReader.ReadTask(top);
        var input = top.Section("input", InputKeys);
        var prompt = top.Section("prompt", PromptKeys);
        var model = top.Section("model", ModelKeys);
        var output = top.Section("output", OutputKeys);
        var inputOptions = ReadInput(input);
        var (promptOptions, template) = ReadPrompt(prompt);
        var generation = ReadGeneration(top.Section("generation", GenerationKeys));
        if (template is not null)
        {
            // With task: classify, {labels} is filled from the job, not from the row.
            var fields = task == JobTask.Classify && inputOptions.Fields.Count > 0 ? [.. inputOptions.Fields, ClassifyPrompt.LabelsPlaceholder] : inputOptions.Fields;
            CheckFieldsCoverTemplate(input, fields, prompt, template);
        }
        var modelOptions = ReadModel(model);
        var outputOptions = ReadOutput(output);
        JobValidator.CheckChatSettings(modelOptions, input, inputOptions, prompt, promptOptions, output, outputOptions);
        var chunking = SummaryOptionsReader.ReadChunking(top, task, generation, modelOptions);
        SummaryOptionsReader.CheckDocumentField(top, prompt, chunking, template);
        return new JobSpec
        {
            Version = (int)version,
            Task = task,
            Classify = TaskSectionReader.ReadClassify(top, task),
            Model = modelOptions,
            Input = inputOptions,
            Prompt = promptOptions with { ReduceTemplate = SummaryOptionsReader.ReadReduceTemplate(prompt, task, chunking is not null) },
            Chunking = chunking,
            Generation = generation,
            Output = outputOptions,
            Scheduler = ReadScheduler(top.Section("scheduler", SchedulerKeys)),
            Checkpoint = ReadCheckpoint(top.Section("checkpoint", CheckpointKeys)),
            Kv = ReadKv(top.Section("kv", KvKeys)),
            Workers = ReadWorkers(top.Section("workers", WorkersKeys)),
            ResponseFormat = ResponseFormatReader.Read(top, baseDirectory, generation),
            BaseDirectory = baseDirectory,
        };
    }

    private static ModelOptions ReadModel(YamlMappingReader model)
    {
        var defaults = new ModelOptions();
        return new ModelOptions
        {
            Path = NonEmptyString(model, "path", defaults.Path, JobValidator.CheckModelPath),
            Context = (int)model.Integer(
                "context", defaults.Context, v => v == 0 || v is >= 16 and <= 1_048_576, "0 (the model's own) or between 16 and 1048576"),
            Threads = (int)model.Integer("threads", defaults.Threads, 0, 1024),
            ChatTemplate = NonEmptyString(model, "chat_template", defaults.ChatTemplate, JobValidator.CheckChatTemplate),
        };
    }

    private static InputOptions ReadInput(YamlMappingReader input)
    {
        var defaults = new InputOptions();
        var paths = input.StringList("paths", JobValidator.CheckInputPath);
        if (input.Node("paths") is null)
        {
            input.ErrorAtAnchor("input.paths is required: the .jsonl files or globs to read, e.g. paths: [data/*.jsonl]");
        }
        else if (input.Node("paths") is YamlSequenceNode { Children.Count: 0 } empty)
        {
            input.Error(empty, "input.paths must list at least one .jsonl file or glob");
        }
        return new InputOptions
        {
            Paths = paths ?? defaults.Paths,
            Id = NonEmptyString(input, "id", defaults.Id, check: null),
            Fields = input.StringList("fields") ?? defaults.Fields,
            Messages = NonEmptyString(input, "messages", defaults.Messages, check: null),
            Format = NonEmptyString(input, "format", defaults.Format, JobValidator.CheckInputFormat),
        };
    }

    private static (PromptOptions Options, PromptTemplate? Template) ReadPrompt(YamlMappingReader prompt)
    {
        var defaults = new PromptOptions();
        var options = new PromptOptions
        {
            System = prompt.String("system") ?? defaults.System,
            Template = prompt.String("template") ?? defaults.Template,
            Chat = prompt.Bool("chat", defaults.Chat),
        };
        var node = prompt.Node("template");
        if (node is null)
        {
            return (options, PromptTemplate.Parse(options.Template));
        }
        // A non-string template was reported by the reader; without a template there is nothing to cross-check.
        if (node is not YamlScalarNode)
        {
            return (options, null);
        }
        if (options.Template.Length == 0)
        {
            prompt.Error(node, "prompt.template: must not be empty");
            return (options, null);
        }
        if (!PromptTemplate.TryParse(options.Template, out var template, out var error))
        {
            prompt.Error(node, $"prompt.template: {error}");
        }
        return (options, template);
    }

    private static void CheckFieldsCoverTemplate(
        YamlMappingReader input, IReadOnlyList<string> fields, YamlMappingReader prompt, PromptTemplate template)
    {
        // Empty fields means "whatever the template uses", so there is nothing to cross-check.
        if (fields.Count == 0)
        {
            return;
        }
        var missing = JobValidator.PlaceholdersMissingFrom(template, fields);
        if (missing.Count == 0)
        {
            return;
        }
        var names = string.Join(", ", missing.Select(m => $"{{{m}}}"));
        if (prompt.Node("template") is { } templateNode)
        {
            prompt.Error(templateNode, $"prompt.template uses {names}, which input.fields does not list (fields: {string.Join(", ", fields)})");
        }
        else if (input.Node("fields") is { } fieldsNode)
        {
            input.Error(fieldsNode, $"input.fields does not list {names}, which the default prompt.template '{template.Text}' uses");
        }
    }

    private static GenerationOptions ReadGeneration(YamlMappingReader generation)
    {
        var defaults = new GenerationOptions();
        var stop = generation.StringList("stop") ?? defaults.Stop;
        if (stop.Count > MaxStopCount && generation.Node("stop") is { } stopNode)
        {
            generation.Error(stopNode, $"generation.stop has {stop.Count} strings; at most {MaxStopCount} are allowed");
        }
        return new GenerationOptions
        {
            MaxTokens = (int)generation.Integer("max_tokens", defaults.MaxTokens, 1, int.MaxValue),
            MaxTokensField = generation.Node("max_tokens_field") is null ? null : NonEmptyString(generation, "max_tokens_field", "", check: null),
            Temperature = generation.Number("temperature", defaults.Temperature, v => v is >= 0 and <= 5, "between 0 and 5"),
            TopK = (int)generation.Integer("top_k", defaults.TopK, 0, int.MaxValue),
            TopP = generation.Number("top_p", defaults.TopP, v => v is > 0 and <= 1, "in (0, 1]"),
            MinP = generation.Number("min_p", defaults.MinP, v => v is >= 0 and < 1, "in [0, 1)"),
            RepeatPenalty = generation.Number("repeat_penalty", defaults.RepeatPenalty, v => v > 0, "greater than 0"),
            Seed = (uint)generation.Integer("seed", defaults.Seed, 0, uint.MaxValue),
            Stop = stop,
            IgnoreEos = generation.Bool("ignore_eos", defaults.IgnoreEos),
        };
    }

    private static OutputOptions ReadOutput(YamlMappingReader output)
    {
        var defaults = new OutputOptions();
        return new OutputOptions
        {
            Path = NonEmptyString(output, "path", defaults.Path, JobValidator.CheckOutputPath),
            Carry = output.StringList("carry") ?? defaults.Carry,
            IncludeTokenIds = output.Bool("include_token_ids", defaults.IncludeTokenIds),
            Errors = output.Node("errors") is null ? defaults.Errors : NonEmptyString(output, "errors", "", JobValidator.CheckErrorsPath),
        };
    }

    private static WorkersOptions ReadWorkers(YamlMappingReader workers)
    {
        var defaults = new WorkersOptions();
        var fault = workers.Node("fault_injection") is null ? null : workers.Section("fault_injection", FaultKeys);
        return new WorkersOptions
        {
            FaultWorker = fault is null ? null : (int)fault.Integer("worker", 0, 0, 255),
            FaultAtStep = fault is null ? defaults.FaultAtStep : (int)fault.Integer("at_step", defaults.FaultAtStep, 1, int.MaxValue),
            FaultTimes = fault is null ? defaults.FaultTimes : (int)fault.Integer("times", defaults.FaultTimes, 1, 1000),
            Cpu = (int)workers.Integer("cpu", defaults.Cpu, 1, 256),
            LockedDecode = workers.Bool("locked_decode", defaults.LockedDecode),
            ThreadsPerWorker = (int)workers.Integer("threads_per_worker", defaults.ThreadsPerWorker, 0, 1024),
            Devices = workers.StringList("devices",
                d => System.Text.RegularExpressions.Regex.IsMatch(d, "^cuda:[0-9]+$") ? null : $"expected cuda:N, got '{d}'") ?? defaults.Devices,
        };
    }

    private static KvOptions ReadKv(YamlMappingReader kv)
    {
        var defaults = new KvOptions();
        return new KvOptions
        {
            CacheType = CacheTypes(NonEmptyString(kv, "cache_type", defaults.CacheType.Name,
                v => KvCacheTypes.TryParse(v, out _) ? null : $"must be f16, q8_0, q4_0, or keys/values such as q4_0/f16, got '{v}'")),
            PrefixSharing = kv.Bool("prefix_sharing", defaults.PrefixSharing),
            PrefixCache = kv.Bool("prefix_cache", defaults.PrefixCache),
            Layout = NonEmptyString(kv, "layout", defaults.Layout,
                v => v is "auto" or "split" or "unified" ? null : $"must be auto, split or unified, got '{v}'"),
            BlockSize = (int)kv.Integer("block_size", defaults.BlockSize, 1, 4096),
            MemoryBudgetBytes = ReadBytes(kv, "memory_budget"),
        };
    }

    private static long? ReadBytes(YamlMappingReader reader, string key)
    {
        var text = reader.String(key);
        if (text is null || reader.Node(key) is not { } node) return null;
        if (ByteSize.TryParse(text, out var bytes) && bytes > 0) return bytes;
        reader.Error(node, $"{reader.PathOf(key)}: expected a size such as 512MiB or 4GiB, got '{text}'");
        return null;
    }

    private static CheckpointOptions ReadCheckpoint(YamlMappingReader checkpoint)
    {
        var defaults = new CheckpointOptions();
        return new CheckpointOptions
        {
            EveryRows = (int)checkpoint.Integer("every_rows", defaults.EveryRows, 1, 10_000_000),
            EverySeconds = checkpoint.Number("every_seconds", (float)defaults.EverySeconds, v => v is > 0 and <= 86_400, "greater than 0 and at most 86400"),
        };
    }

    private static SchedulerOptions ReadScheduler(YamlMappingReader scheduler)
    {
        var defaults = new SchedulerOptions();
        return new SchedulerOptions
        {
            MaxSequences = (int)scheduler.Integer("max_sequences", defaults.MaxSequences, 1, 256),
            MaxBatchTokens = (int)scheduler.Integer("max_batch_tokens", defaults.MaxBatchTokens, 1, 8192),
            AdmissionWindow = (int)scheduler.Integer("admission_window", defaults.AdmissionWindow, 1, 1_000_000),
        };
    }

    // An unknown name was recorded as an error above, and a job with errors never runs: the default stands in.
    private static KvCacheTypes CacheTypes(string text) => KvCacheTypes.TryParse(text, out var types) ? types : new KvOptions().CacheType;

    private static string NonEmptyString(YamlMappingReader reader, string key, string fallback, Func<string, string?>? check)
    {
        var value = reader.String(key);
        if (value is null || reader.Node(key) is not { } node)
        {
            return fallback;
        }
        var problem = value.Length == 0 ? "must not be empty" : check?.Invoke(value);
        if (problem is null)
        {
            return value;
        }
        reader.Error(node, $"{reader.PathOf(key)}: {problem}");
        return fallback;
    }
}
