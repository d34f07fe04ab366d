using System.CommandLine;
using Batch.Cli.Running;
using Batch.Llama.Gguf;
using Batch.Llama.Synthetic;

namespace Batch.Cli.Commands;

/// <summary><c>batch model synth|inspect</c>: make a seeded random GGUF, or describe one.</summary>
public static class ModelCommand
{
    public static Command Create(ModelResolver models) => new("model", "Make or inspect GGUF models")
    {
        Synth(),
        Inspect(),
    };

    private static Command Synth()
    {
        var preset = new Option<string>("--preset") { Description = "tiny | small | bench", Required = true };
        var output = new Option<FileInfo>("--out") { Description = "Where to write the GGUF", Required = true };
        var seed = new Option<ulong>("--seed") { Description = "Weight seed", DefaultValueFactory = _ => SyntheticModelSpec.DefaultSeed };
        var quant = new Option<string?>("--quant") { Description = "f16 | q8_0 | q4_k_m (default: the preset's)" };
        var command = new Command("synth", "Write a llama-architecture GGUF with seeded random weights") { preset, output, seed, quant };
        command.SetAction(parse =>
        {
            if (!SyntheticPreset.TryGet(parse.GetValue(preset)!, out var p))
                return Fail($"unknown preset '{parse.GetValue(preset)}' (tiny, small, bench)");
            var quantization = p.DefaultQuantization;
            if (parse.GetValue(quant) is { } q && !SyntheticModelSpec.TryParseQuantization(q, out quantization))
                return Fail($"unknown quantization '{q}' (f16, q8_0, q4_k_m)");
            var path = parse.GetValue(output)!.FullName;
            var spec = new SyntheticModelSpec(p, quantization, parse.GetValue(seed));
            new SyntheticModelWriter(Environment.ProcessorCount).Write(spec, path);
            Console.WriteLine($"wrote {path} ({spec}, {ModelInspection.FormatBytes(new FileInfo(path).Length)})");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Inspect()
    {
        var model = new Argument<FileInfo>("model") { Description = "A GGUF file" };
        var command = new Command("inspect", "Print a GGUF's architecture, size, quantization and KV bytes per token") { model };
        command.SetAction(parse =>
        {
            if (!ModelInspector.TryInspect(parse.GetValue(model)!.FullName, out var inspection, out var error))
                return Fail(error);
            Console.WriteLine(inspection.Format());
            return ExitCodes.Ok;
        });
        return command;
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine($"error: {message}");
        return ExitCodes.Fatal;
    }
}
