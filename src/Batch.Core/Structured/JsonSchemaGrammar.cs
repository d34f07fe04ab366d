using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace Batch.Core.Structured;

/// <summary>
/// Converts a JSON Schema into a GBNF grammar for llama.cpp's grammar sampler. Supported: <c>type</c> (one or a
/// list), objects with <c>properties</c> and <c>required</c> (required first, then optional ones in schema order,
/// never other properties), arrays with <c>items</c>, <c>minItems</c>, <c>maxItems</c>, strings with
/// <c>minLength</c>/<c>maxLength</c>, integers with <c>minimum</c>/<c>maximum</c> (and the exclusive forms),
/// numbers, booleans, null, <c>enum</c>, <c>const</c>, <c>anyOf</c> and <c>$ref</c> to a local pointer
/// (<c>#/$defs/x</c>, recursion included). Any other keyword that constrains values is refused with its path,
/// except <c>uniqueItems</c>, which only the check after generation enforces.
/// </summary>
public static class JsonSchemaGrammar
{
    /// <summary>Any JSON object (OpenAI's <c>json_object</c> format), with the same bounds on blanks and numbers.</summary>
    public static GbnfGrammar AnyObject()
    {
        var used = new HashSet<string>(StringComparer.Ordinal);
        JsonPrimitives.Use("object", used);
        var text = $"{GbnfGrammar.RootRule} ::= object\n" + string.Join("\n", JsonPrimitives.Definitions(used)) + "\n";
        return GbnfGrammar.TryParse(text, out var grammar, out var error) ? grammar : throw new InvalidOperationException(error);
    }

    /// <summary>The grammar (checked with <see cref="GbnfGrammar.TryParse"/>), or the first unsupported part of the schema.</summary>
    public static bool TryConvert(JsonElement schema, [NotNullWhen(true)] out GbnfGrammar? grammar, [NotNullWhen(false)] out SchemaProblem? problem)
    {
        grammar = null;
        if (!new JsonSchemaConverter(schema).TryConvert(out var text, out var failure))
        {
            problem = failure ?? new SchemaProblem("", "the schema could not be converted");
            return false;
        }
        problem = null;
        if (!GbnfGrammar.TryParse(text, out grammar, out var error))
        {
            problem = new SchemaProblem("", $"the grammar made from this schema is invalid: {error}");
            return false;
        }
        return true;
    }
}
