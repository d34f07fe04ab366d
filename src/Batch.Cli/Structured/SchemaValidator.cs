using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Json.Schema;

namespace Batch.Cli.Structured;

/// <summary>Validates outputs against a job's JSON Schema with JsonSchema.Net; one instance per job.</summary>
public sealed class SchemaValidator
{
    private readonly JsonSchema schema;

    private SchemaValidator(JsonSchema schema) => this.schema = schema;

    // EvaluationOptions is mutable, so each evaluation gets its own.
    private static EvaluationOptions Options() => new() { OutputFormat = OutputFormat.List };

    /// <summary>Builds a validator; a schema JsonSchema.Net cannot read (or evaluate) is an error, found before any model loads.</summary>
    public static bool TryCreate(string schemaJson, [NotNullWhen(true)] out SchemaValidator? validator, [NotNullWhen(false)] out string? error)
    {
        validator = null;
        try
        {
            var schema = JsonSchema.FromText(schemaJson);
            // A dry run resolves references and keyword values now rather than on the first output.
            using var probe = JsonDocument.Parse("null");
            schema.Evaluate(probe.RootElement, Options());
            validator = new SchemaValidator(schema);
            error = null;
            return true;
        }
        catch (Exception e) when (e is JsonException or JsonSchemaException or ArgumentException or InvalidOperationException)
        {
            error = $"JsonSchema.Net cannot use this schema: {e.Message}";
            return false;
        }
    }

    /// <summary>The first way <paramref name="output"/> breaks the schema, as "location: message"; null when it conforms.</summary>
    public string? FirstProblem(JsonElement output)
    {
        var results = schema.Evaluate(output, Options());
        if (results.IsValid) return null;
        var failing = results.Details.Prepend(results).FirstOrDefault(r => r.HasErrors);
        if (failing?.Errors is not { Count: > 0 } errors) return "the output does not conform";
        var location = failing.InstanceLocation.ToString();
        var (keyword, message) = errors.First();
        return $"{(location.Length == 0 ? "/" : location)}: {message} ({keyword})";
    }
}
