using System.Collections.Concurrent;
using System.Text.Json;
using Batch.Core.Rows;
using Batch.Core.Structured;

namespace Batch.Cli.Structured;

/// <summary>
/// The output check of a row that brings its own response format (an OpenAI batch line): json_schema rows
/// are validated against their schema, json_object rows must be one JSON object. Validators are built once
/// per distinct schema; safe on many threads.
/// </summary>
public sealed class RowOutputChecks
{
    private static readonly StructuredOutputCheck AnyObject =
        new(output => output.ValueKind == JsonValueKind.Object ? null : $"expected a JSON object, got {output.ValueKind.ToString().ToLowerInvariant()}");

    private readonly ConcurrentDictionary<string, StructuredOutputCheck> _bySchema = new(StringComparer.Ordinal);

    /// <summary>The row's check, or null when it asked for free text.</summary>
    public StructuredOutputCheck? For(PreparedRow row)
    {
        if (row.Overrides?.Grammar is null) return null;
        if (row.Overrides.Schema is not { } schema) return AnyObject;
        return _bySchema.GetOrAdd(schema, text => SchemaValidator.TryCreate(text, out var validator, out var error)
            ? new StructuredOutputCheck(validator.FirstProblem)
            : new StructuredOutputCheck(_ => error));
    }
}
