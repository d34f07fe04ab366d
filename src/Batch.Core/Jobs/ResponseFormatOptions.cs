namespace Batch.Core.Jobs;

/// <summary>
/// The <c>response_format</c> section: every row's output must be JSON matching <see cref="Schema"/>. Decoding is
/// constrained by <see cref="Grammar"/>, and each finished output is validated against the schema.
/// </summary>
public sealed record ResponseFormatOptions
{
    /// <summary>The only constrained type so far; <c>text</c> in a job file means no response format.</summary>
    public const string JsonSchemaType = "json_schema";

    public string Type { get; init; } = JsonSchemaType;

    /// <summary>The JSON Schema as JSON text, from the inline <c>schema</c> or read from <see cref="SchemaFile"/>.</summary>
    public string Schema { get; init; } = "{}";

    /// <summary>The schema file as written in the job (relative to the job file); null for an inline schema.</summary>
    public string? SchemaFile { get; init; }

    /// <summary>The GBNF grammar made from <see cref="Schema"/>, already checked; derived, not a job-file key.</summary>
    public string Grammar { get; init; } = "";
}
