namespace Batch.Cli.Tests.Jobs;

/// <summary>One case per kind of error: each must point at the offending node's 1-based line and column.</summary>
public sealed class JobFileErrorTests
{
    private const string Input = "input: {paths: [a.jsonl]}\n";

    [Theory]
    // Unknown keys point at the key.
    [InlineData("unknown key", Input + "generation:\n  temprature: 0.5\n", 3, 3, "unknown key 'temprature' in generation; did you mean 'temperature'?")]
    [InlineData("unknown section", Input + "language: en\n", 2, 1, "unknown key 'language' at the top level; expected one of: version, task, classify, chunking, model, input")]
    [InlineData("unknown kv key", Input + "kv:\n  budget: auto\n", 3, 3, "unknown key 'budget' in kv; expected one of: cache_type, prefix_sharing, prefix_cache, block_size")]
    [InlineData("unknown key, camelCase", Input + "scheduler: {maxSequences: 4}\n", 2, 13, "did you mean 'max_sequences'?")]
    // Wrong scalar types point at the value.
    [InlineData("not an integer", Input + "generation:\n  max_tokens: many\n", 3, 15, "generation.max_tokens: expected an integer, got 'many'")]
    [InlineData("fraction for integer", Input + "generation:\n  top_k: 1.5\n", 3, 10, "generation.top_k: expected an integer, got '1.5'")]
    [InlineData("quoted integer", Input + "generation:\n  max_tokens: \"12\"\n", 3, 15, "expected an integer, got the quoted string \"12\"")]
    [InlineData("not a number", Input + "generation:\n  temperature: hot\n", 3, 16, "generation.temperature: expected a number, got 'hot'")]
    [InlineData("not a boolean", Input + "generation:\n  ignore_eos: yes\n", 3, 15, "generation.ignore_eos: expected true/false, got 'yes'")]
    [InlineData("mapping for scalar", Input + "generation:\n  top_k: {a: 1}\n", 3, 10, "generation.top_k: expected an integer, got a mapping")]
    [InlineData("list for string", "input: {paths: [a.jsonl], id: [x]}\n", 1, 31, "input.id: expected a string, got a list")]
    [InlineData("scalar for section", Input + "generation: 5\n", 2, 13, "generation: expected a mapping (keys: max_tokens, max_tokens_field, temperature, top_k, top_p, min_p, repeat_penalty, seed, stop, ignore_eos), got '5'")]
    [InlineData("list for section", Input + "model: [a]\n", 2, 8, "model: expected a mapping (keys: path, context, threads, chat_template), got a list")]
    [InlineData("mapping for list", Input + "output: {carry: {a: b}}\n", 2, 17, "output.carry: expected a list of strings, got a mapping")]
    // Ranges.
    [InlineData("version", "version: 2\n" + Input, 1, 10, "version must be 1 (the only version this build reads), got 2")]
    [InlineData("max_tokens", Input + "generation: {max_tokens: 0}\n", 2, 26, "generation.max_tokens must be at least 1, got 0")]
    [InlineData("temperature high", Input + "generation: {temperature: 5.5}\n", 2, 27, "generation.temperature must be between 0 and 5, got 5.5")]
    [InlineData("temperature negative", Input + "generation: {temperature: -0.1}\n", 2, 27, "generation.temperature must be between 0 and 5, got -0.1")]
    [InlineData("temperature infinite", Input + "generation: {temperature: .inf}\n", 2, 27, "generation.temperature must be a finite number between 0 and 5, got .inf")]
    [InlineData("temperature NaN", Input + "generation: {temperature: .nan}\n", 2, 27, "must be a finite number")]
    [InlineData("top_k", Input + "generation: {top_k: -1}\n", 2, 21, "generation.top_k must be at least 0, got -1")]
    [InlineData("top_p zero", Input + "generation: {top_p: 0}\n", 2, 21, "generation.top_p must be in (0, 1], got 0")]
    [InlineData("top_p above one", Input + "generation: {top_p: 1.01}\n", 2, 21, "generation.top_p must be in (0, 1], got 1.01")]
    [InlineData("min_p one", Input + "generation: {min_p: 1}\n", 2, 21, "generation.min_p must be in [0, 1), got 1")]
    [InlineData("repeat_penalty", Input + "generation: {repeat_penalty: 0}\n", 2, 30, "generation.repeat_penalty must be greater than 0, got 0")]
    [InlineData("seed negative", Input + "generation: {seed: -1}\n", 2, 20, "generation.seed must be between 0 and 4294967295, got -1")]
    [InlineData("seed too big", Input + "generation: {seed: 4294967296}\n", 2, 20, "generation.seed must be between 0 and 4294967295, got 4294967296")]
    [InlineData("seed huge", Input + "generation: {seed: 123456789012345678901234567890}\n", 2, 20, "generation.seed must be between 0 and 4294967295")]
    [InlineData("empty stop", Input + "generation: {stop: [\"\\n\", \"\"]}\n", 2, 27, "generation.stop: expected a non-empty string, got an empty string")]
    [InlineData("context small", Input + "model: {context: 8}\n", 2, 18, "model.context must be 0 (the model's own) or between 16 and 1048576, got 8")]
    [InlineData("context large", Input + "model: {context: 1048577}\n", 2, 18, "model.context must be 0 (the model's own) or between 16 and 1048576")]
    [InlineData("threads", Input + "model: {threads: 1025}\n", 2, 18, "model.threads must be between 0 and 1024, got 1025")]
    [InlineData("max_sequences low", Input + "scheduler: {max_sequences: 0}\n", 2, 28, "scheduler.max_sequences must be between 1 and 256, got 0")]
    [InlineData("max_sequences high", Input + "scheduler: {max_sequences: 257}\n", 2, 28, "scheduler.max_sequences must be between 1 and 256, got 257")]
    [InlineData("max_batch_tokens low", Input + "scheduler: {max_batch_tokens: 0}\n", 2, 31, "scheduler.max_batch_tokens must be between 1 and 8192, got 0")]
    [InlineData("max_batch_tokens high", Input + "scheduler: {max_batch_tokens: 8193}\n", 2, 31, "scheduler.max_batch_tokens must be between 1 and 8192, got 8193")]
    [InlineData("kv cache type", Input + "kv: {cache_type: q5_0}\n", 2, 18, "kv.cache_type: must be f16, q8_0, q4_0, or keys/values such as q4_0/f16, got 'q5_0'")]
    [InlineData("kv cache type pair", Input + "kv: {cache_type: q4_0/q5_0}\n", 2, 18, "got 'q4_0/q5_0'")]
    // Paths and names.
    [InlineData("empty model path", Input + "model: {path: ''}\n", 2, 15, "model.path: must not be empty")]
    [InlineData("unknown synthetic", Input + "model: {path: 'synthetic:huge'}\n", 2, 15, "model.path: unknown synthetic model 'huge'; expected synthetic:tiny, synthetic:small, synthetic:bench")]
    [InlineData("model not gguf", Input + "model: {path: models/m.bin}\n", 2, 15, "model.path: expected a .gguf file or synthetic:tiny|small|bench, got 'models/m.bin'")]
    [InlineData("input section missing", "model: {path: 'synthetic:tiny'}\n", 1, 1, "input.paths is required")]
    [InlineData("input paths missing", "model: {path: 'synthetic:tiny'}\ninput:\n  id: key\n", 2, 1, "input.paths is required")]
    [InlineData("input paths empty", "input: {paths: []}\n", 1, 16, "input.paths must list at least one .jsonl file or glob")]
    [InlineData("input path csv", "input: {paths: [ok.jsonl, data/a.csv]}\n", 1, 27, "input.paths: 'data/a.csv' has an unsupported extension '.csv'; supported: .jsonl")]
    [InlineData("input glob csv", "input:\n  paths: data/*.csv\n", 2, 10, "unsupported extension '.csv'; supported: .jsonl")]
    [InlineData("input path empty", "input:\n  paths:\n    - a.jsonl\n    - ''\n", 4, 7, "input.paths: expected a non-empty string, got an empty string")]
    [InlineData("input path null", "input:\n  paths:\n    - a.jsonl\n    -\n", 4, 6, "input.paths: expected a non-empty string, got nothing (null)")]
    [InlineData("input id empty", "input: {paths: [a.jsonl], id: ''}\n", 1, 31, "input.id: must not be empty")]
    [InlineData("output path", Input + "output:\n  path: out/result.csv\n", 3, 9, "output.path: must end in .jsonl or .parquet, got 'out/result.csv'")]
    [InlineData("carry item", Input + "output:\n  carry: [title, {a: b}]\n", 3, 18, "output.carry: expected a non-empty string, got a mapping")]
    [InlineData("fields item", "input: {paths: [a.jsonl], fields: [[x]]}\n", 1, 36, "input.fields: expected a non-empty string, got a list")]
    // The prompt template.
    [InlineData("template unclosed", Input + "prompt:\n  template: 'Hi {name'\n", 3, 13, "prompt.template: unclosed '{' at offset 3")]
    [InlineData("template empty name", Input + "prompt:\n  template: 'Hi {}'\n", 3, 13, "prompt.template: empty placeholder '{}' at offset 3")]
    [InlineData("template invalid name", Input + "prompt:\n  template: |\n    Hi {first name}\n", 3, 13, "prompt.template: invalid character ' ' in placeholder name at offset 9")]
    [InlineData("template empty", Input + "prompt: {template: ''}\n", 2, 20, "prompt.template: must not be empty")]
    [InlineData("template not a string", Input + "prompt: {template: [a]}\n", 2, 20, "prompt.template: expected a string, got a list")]
    [InlineData("placeholder not in fields", "input: {paths: [a.jsonl], fields: [title]}\nprompt: {template: '{title}: {body}'}\n", 2, 20, "prompt.template uses {body}, which input.fields does not list (fields: title)")]
    [InlineData("default template not in fields", "input: {paths: [a.jsonl], fields: [body]}\n", 1, 35, "input.fields does not list {text}, which the default prompt.template '{text}' uses")]
    // The file as a whole.
    [InlineData("empty file", "", 1, 1, "the job file is empty")]
    [InlineData("only comments", "# nothing here\n", 1, 1, "the job file is empty")]
    [InlineData("not a mapping", "- a\n- b\n", 1, 1, "a job file is a mapping of sections (version, model, input, prompt, ...), got a list")]
    [InlineData("scalar document", "hello\n", 1, 1, "got 'hello'")]
    [InlineData("two documents", Input + "---\n" + Input, 3, 1, "a job file holds one YAML document")]
    [InlineData("syntax error", Input + "model: path: x\n", 2, 12, "invalid YAML")]
    [InlineData("tab indentation", Input + "model:\n  path: x\n\tthreads: 2\n", 3, 9, "invalid YAML: While scanning a plain scalar, found a tab")]
    [InlineData("unclosed flow list", "input: {paths: [a.jsonl}\nmodel: {}\n", 1, 24, "invalid YAML: While parsing a flow sequence")]
    [InlineData("unclosed list, no parser position", Input + "stop: [1, 2\nb: 3\n", 2, 9, "invalid YAML after this point (an unclosed '[' or '{'?)")]
    [InlineData("unquoted glob", "input:\n  paths: *.jsonl\n", 2, 10, "a value starting with '*' must be quoted, e.g. '*.jsonl'")]
    [InlineData("unclosed quote", Input + "prompt: {template: \"Hi}\n", 2, 20, "invalid YAML")]
    [InlineData("duplicate key", Input + "generation:\n  top_k: 1\n  top_k: 2\n", 4, 3, "Duplicate key")]
    [InlineData("non-scalar key", Input + "[a, b]: 1\n", 2, 1, "top level: keys must be plain names, got a list")]
    public void Load_InvalidJob_ReportsErrorAtNode(string kind, string yaml, int line, int column, string message)
    {
        var errors = TempJobFile.Errors(yaml);

        var error = Assert.Single(errors);
        Assert.True(
            error.Message.Contains(message, StringComparison.Ordinal) && (error.Line, error.Column) == (line, column),
            $"{kind}: expected {line}:{column} containing \"{message}\", got {error.Line}:{error.Column} \"{error.Message}\"");
    }

    [Fact]
    public void Load_TooManyStopStrings_PointsAtTheList()
    {
        var stops = string.Join(", ", Enumerable.Range(0, 17).Select(i => $"s{i}"));

        var error = Assert.Single(TempJobFile.Errors($"{Input}generation:\n  stop: [{stops}]\n"));

        Assert.Equal((3, 9), (error.Line, error.Column));
        Assert.Equal("generation.stop has 17 strings; at most 16 are allowed", error.Message);
    }

    [Fact]
    public void Load_ManyProblems_ReportsAllInFileOrder()
    {
        var errors = TempJobFile.Errors("""
            version: 3
            model:
              path: model.bin
              context: 4
            input:
              paths: [data.csv]
            generation:
              temprature: 0.2
              max_tokens: -5
              top_p: 2
            output: {path: out.txt}
            tasks: {cpu: 2}
            """);

        Assert.Equal(
            [(1, 10), (3, 9), (4, 12), (6, 11), (8, 3), (9, 15), (10, 10), (11, 16), (12, 1)],
            errors.Select(e => (e.Line, e.Column)));
        Assert.All(errors, e => Assert.EndsWith("job.yaml", e.File, StringComparison.Ordinal));
    }

    [Fact]
    public void Load_UnknownKeyFarFromAnyValidKey_ListsTheValidKeys()
    {
        var error = Assert.Single(TempJobFile.Errors(Input + "scheduler: {parallelism: 4}\n"));

        Assert.Equal("unknown key 'parallelism' in scheduler; expected one of: max_sequences, max_batch_tokens, admission_window", error.Message);
    }
}
