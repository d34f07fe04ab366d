using Batch.Core.Jobs;

namespace Batch.Testing.Builders;

/// <summary>Job specs with defaults, so a test sets only the sections it is about.</summary>
public static class JobSpecs
{
    public static JobSpec Create(
        string template = "{text}",
        string? system = null,
        string idField = "id",
        IReadOnlyList<string>? fields = null,
        IReadOnlyList<string>? carry = null,
        GenerationOptions? generation = null) => new()
    {
        Input = new InputOptions { Id = idField, Fields = fields ?? [] },
        Prompt = new PromptOptions { Template = template, System = system },
        Output = new OutputOptions { Carry = carry ?? [] },
        Generation = generation ?? new GenerationOptions(),
    };
}
