using System.Globalization;
using System.Text.Json;

namespace Batch.Core.Structured;

/// <summary>
/// The work of <see cref="JsonSchemaGrammar"/>: every schema node becomes one named rule (a <c>$ref</c> target
/// is named before it is visited, so recursive schemas work). The first problem stops the walk.
/// </summary>
internal sealed class JsonSchemaConverter(JsonElement root)
{
    private const long MaxIntegerBound = 1_000_000_000_000_000;

    private readonly List<string> rules = [];
    private readonly HashSet<string> names = new(StringComparer.Ordinal) { GbnfGrammar.RootRule };
    private readonly HashSet<string> primitives = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> refRules = new(StringComparer.Ordinal) { [""] = GbnfGrammar.RootRule };
    private readonly Dictionary<(string Object, int From), string> restRules = [];
    private SchemaProblem? problem;

    public bool TryConvert(out string gbnf, out SchemaProblem? failure)
    {
        var body = Body(root, "", GbnfGrammar.RootRule);
        failure = problem;
        gbnf = "";
        if (body is null) return false;
        var all = new List<string> { $"{GbnfGrammar.RootRule} ::= {body}" };
        all.AddRange(rules);
        all.AddRange(JsonPrimitives.Definitions(primitives));
        gbnf = string.Join('\n', all) + "\n";
        return true;
    }

    /// <summary>A rule for <paramref name="schema"/>: a primitive's name, or a new rule named after <paramref name="hint"/>.</summary>
    private string? Rule(JsonElement schema, string pointer, string hint)
    {
        var body = Body(schema, pointer, hint);
        if (body is null) return null;
        if (JsonPrimitives.IsReserved(body) || names.Contains(body)) return body;
        return Add(Reserve(hint), body);
    }

    private string? Body(JsonElement schema, string pointer, string name)
    {
        if (schema.ValueKind == JsonValueKind.True) return Primitive("value");
        if (schema.ValueKind == JsonValueKind.False) return Fail(pointer, "the schema 'false' matches nothing");
        if (schema.ValueKind != JsonValueKind.Object) return Fail(pointer, $"a schema must be an object or a boolean, got {SchemaKeywords.Kind(schema)}");
        foreach (var keyword in schema.EnumerateObject())
        {
            if (SchemaKeywords.IsAnnotation(keyword.Name) || SchemaKeywords.IsSupported(keyword.Name)) continue;
            return Fail(SchemaKeywords.Child(pointer, keyword.Name), SchemaKeywords.Unsupported(keyword.Name));
        }
        if (schema.TryGetProperty("$ref", out var reference)) return Ref(schema, reference, pointer);
        if (schema.TryGetProperty("const", out var constant)) return GbnfText.JsonLiteral(constant);
        if (schema.TryGetProperty("enum", out var values)) return Enum(values, SchemaKeywords.Child(pointer, "enum"));
        if (schema.TryGetProperty("anyOf", out var anyOf)) return AnyOf(anyOf, SchemaKeywords.Child(pointer, "anyOf"), name);
        if (!schema.TryGetProperty("type", out var type)) return Typed(schema, pointer, name, SchemaKeywords.InferType(schema));
        if (type.ValueKind == JsonValueKind.String) return Typed(schema, pointer, name, type.GetString()!);
        if (type.ValueKind != JsonValueKind.Array || type.GetArrayLength() == 0)
            return Fail(SchemaKeywords.Child(pointer, "type"), "type must be a type name or a non-empty list of them");
        var options = new List<string>();
        foreach (var item in type.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String) return Fail(SchemaKeywords.Child(pointer, "type"), $"type names are strings, got {SchemaKeywords.Kind(item)}");
            var option = Typed(schema, pointer, $"{name}-{item.GetString()}", item.GetString()!);
            if (option is null) return null;
            options.Add($"({option})");
        }
        return string.Join(" | ", options);
    }

    private string? Typed(JsonElement schema, string pointer, string name, string? type) => type switch
    {
        null => Primitive("value"),
        "string" => String(schema, pointer),
        "integer" => Integer(schema, pointer),
        "number" => Number(schema, pointer),
        "boolean" => Primitive("boolean"),
        "null" => Primitive("null"),
        "object" => Object(schema, pointer, name),
        "array" => Array(schema, pointer, name),
        _ => Fail(SchemaKeywords.Child(pointer, "type"), $"unknown type '{type}'; expected string, integer, number, boolean, null, object or array"),
    };

    private string? Ref(JsonElement schema, JsonElement reference, string pointer)
    {
        var at = SchemaKeywords.Child(pointer, "$ref");
        foreach (var keyword in schema.EnumerateObject())
        {
            if (keyword.Name != "$ref" && !SchemaKeywords.IsAnnotation(keyword.Name))
                return Fail(SchemaKeywords.Child(pointer, keyword.Name), $"'{keyword.Name}' beside $ref is not supported; move it into the referenced schema");
        }
        if (reference.ValueKind != JsonValueKind.String || reference.GetString() is not { } text || !text.StartsWith('#'))
            return Fail(at, "only local references such as '#/$defs/name' are supported");
        var target = Uri.UnescapeDataString(text[1..]);
        if (refRules.TryGetValue(target, out var known)) return known;
        if (!SchemaKeywords.TryResolve(root, target, out var resolved)) return Fail(at, $"'{text}' does not point into this schema");
        var name = Reserve("def-" + target[(target.LastIndexOf('/') + 1)..]);
        refRules[target] = name;
        var body = Body(resolved, target, name);
        return body is null ? null : Add(name, body);
    }

    private string? Enum(JsonElement values, string pointer)
    {
        if (values.ValueKind != JsonValueKind.Array || values.GetArrayLength() == 0) return Fail(pointer, "enum must be a non-empty list");
        return string.Join(" | ", values.EnumerateArray().Select(GbnfText.JsonLiteral).Distinct(StringComparer.Ordinal));
    }

    private string? AnyOf(JsonElement options, string pointer, string name)
    {
        if (options.ValueKind != JsonValueKind.Array || options.GetArrayLength() == 0) return Fail(pointer, "anyOf must be a non-empty list of schemas");
        var rulesOf = new List<string>();
        var i = 0;
        foreach (var option in options.EnumerateArray())
        {
            var rule = Rule(option, SchemaKeywords.Child(pointer, i.ToString(CultureInfo.InvariantCulture)), $"{name}-{i}");
            if (rule is null) return null;
            rulesOf.Add(rule);
            i++;
        }
        return string.Join(" | ", rulesOf);
    }

    private string? String(JsonElement schema, string pointer)
    {
        var min = Count(schema, pointer, "minLength", 0);
        var max = Count(schema, pointer, "maxLength", null);
        if (problem is not null) return null;
        if (min > max) return Fail(SchemaKeywords.Child(pointer, "minLength"), $"minLength {min} is above maxLength {max}");
        if (min == 0 && max is null) return Primitive("string");
        Primitive("char");
        var repeat = max == min ? $"{{{min}}}" : $"{{{min},{(max is null ? "" : max.Value.ToString(CultureInfo.InvariantCulture))}}}";
        return $"\"\\\"\" char{repeat} \"\\\"\"";
    }

    private string? Integer(JsonElement schema, string pointer)
    {
        var min = Bound(schema, pointer, "minimum", Math.Ceiling, 0);
        var exclusiveMin = Bound(schema, pointer, "exclusiveMinimum", Math.Floor, 1);
        var max = Bound(schema, pointer, "maximum", Math.Floor, 0);
        var exclusiveMax = Bound(schema, pointer, "exclusiveMaximum", Math.Ceiling, -1);
        if (problem is not null) return null;
        long? low = min is null ? exclusiveMin : exclusiveMin is null ? min : Math.Max(min.Value, exclusiveMin.Value);
        long? high = max is null ? exclusiveMax : exclusiveMax is null ? max : Math.Min(max.Value, exclusiveMax.Value);
        if (low > high) return Fail(pointer, $"no integer lies between the minimum {low} and the maximum {high}");
        return low is null && high is null ? Primitive("integer") : IntegerRangeGrammar.For(low, high);
    }

    private string? Number(JsonElement schema, string pointer)
    {
        foreach (var keyword in (string[])["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"])
        {
            if (schema.TryGetProperty(keyword, out _))
                return Fail(SchemaKeywords.Child(pointer, keyword), $"{keyword} is supported on integers only (type: integer), not on numbers");
        }
        return Primitive("number");
    }

    private string? Object(JsonElement schema, string pointer, string name)
    {
        var properties = new List<(string Key, JsonElement Schema)>();
        if (schema.TryGetProperty("properties", out var declared))
        {
            if (declared.ValueKind != JsonValueKind.Object) return Fail(SchemaKeywords.Child(pointer, "properties"), "properties must be a mapping of names to schemas");
            properties.AddRange(declared.EnumerateObject().Select(p => (p.Name, p.Value)));
        }
        var required = new HashSet<string>(StringComparer.Ordinal);
        if (schema.TryGetProperty("required", out var list))
        {
            var at = SchemaKeywords.Child(pointer, "required");
            if (list.ValueKind != JsonValueKind.Array) return Fail(at, "required must be a list of property names");
            foreach (var item in list.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.String) return Fail(at, $"required lists names, got {SchemaKeywords.Kind(item)}");
                if (!properties.Any(p => p.Key == item.GetString()))
                    return Fail(at, $"required property '{item.GetString()}' is not in properties; the grammar writes only listed properties");
                required.Add(item.GetString()!);
            }
        }
        var pairs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in properties)
        {
            var valueRule = Rule(value, SchemaKeywords.Child(SchemaKeywords.Child(pointer, "properties"), key), $"{name}-{key}");
            if (valueRule is null) return null;
            pairs[key] = Add(Reserve($"{name}-{key}-kv"), $"{GbnfText.Literal(GbnfText.JsonString(key))} \":\" ws {valueRule}");
        }
        Primitive(JsonPrimitives.Whitespace);
        var mandatory = properties.Where(p => required.Contains(p.Key)).Select(p => pairs[p.Key]).ToList();
        var optional = properties.Where(p => !required.Contains(p.Key)).Select(p => pairs[p.Key]).ToList();
        var body = mandatory.Count > 0 ? $"\"{{\" ws {string.Join(" \",\" ws ", mandatory)}" : "\"{\" ws";
        if (optional.Count > 0)
        {
            var alternatives = string.Join(" | ", Enumerable.Range(0, optional.Count).Select(i => OptionalFrom(optional, i, name)));
            body += mandatory.Count > 0 ? $" (\",\" ws ({alternatives}))? ws \"}}\"" : $" (({alternatives}) ws)? \"}}\"";
        }
        else body += mandatory.Count > 0 ? " ws \"}\"" : " \"}\"";
        return body;
    }

    /// <summary>Optional property <paramref name="first"/> then any subset of the later ones, in order.</summary>
    private string OptionalFrom(List<string> optional, int first, string name) =>
        first + 1 < optional.Count ? $"{optional[first]} {OptionalRest(optional, first + 1, name)}" : optional[first];

    private string OptionalRest(List<string> optional, int from, string name)
    {
        if (restRules.TryGetValue((name, from), out var known)) return known;
        var body = $"(\",\" ws {optional[from]})?";
        if (from + 1 < optional.Count) body += $" {OptionalRest(optional, from + 1, name)}";
        var rule = Add(Reserve($"{name}-rest-{from}"), body);
        restRules[(name, from)] = rule;
        return rule;
    }

    private string? Array(JsonElement schema, string pointer, string name)
    {
        var min = Count(schema, pointer, "minItems", 0) ?? 0;
        var max = Count(schema, pointer, "maxItems", null);
        if (problem is not null) return null;
        if (min > max) return Fail(SchemaKeywords.Child(pointer, "minItems"), $"minItems {min} is above maxItems {max}");
        var item = schema.TryGetProperty("items", out var items) ? Rule(items, SchemaKeywords.Child(pointer, "items"), $"{name}-item") : Primitive("value");
        if (item is null) return null;
        Primitive(JsonPrimitives.Whitespace);
        if (max == 0) return "\"[\" ws \"]\"";
        var more = (min, max) switch
        {
            (_, 1) => "",
            ( <= 1, null) => $" (\",\" ws {item})*",
            (_, null) => $" (\",\" ws {item}){{{min - 1},}}",
            _ => $" (\",\" ws {item}){{{Math.Max(min - 1, 0)},{max - 1}}}",
        };
        return min == 0 ? $"\"[\" ws ({item}{more} ws)? \"]\"" : $"\"[\" ws {item}{more} ws \"]\"";
    }

    /// <summary>A non-negative count keyword within llama.cpp's repetition limit, or <paramref name="fallback"/> when absent.</summary>
    private int? Count(JsonElement schema, string pointer, string keyword, int? fallback)
    {
        if (!schema.TryGetProperty(keyword, out var value)) return fallback;
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var count) || count < 0)
        {
            Fail(SchemaKeywords.Child(pointer, keyword), $"{keyword} must be a non-negative integer");
            return fallback;
        }
        if (count > GbnfGrammar.MaxRepetitions)
        {
            Fail(SchemaKeywords.Child(pointer, keyword), $"{keyword} {count} is above {GbnfGrammar.MaxRepetitions}, the most llama.cpp's grammars can count");
            return fallback;
        }
        return count;
    }

    /// <summary>An inclusive integer bound: minimum → ceiling, maximum → floor, exclusiveMinimum → floor + 1, exclusiveMaximum → ceiling − 1.</summary>
    private long? Bound(JsonElement schema, string pointer, string keyword, Func<double, double> round, int shift)
    {
        if (!schema.TryGetProperty(keyword, out var value)) return null;
        if (value.ValueKind != JsonValueKind.Number || Math.Abs(value.GetDouble()) > MaxIntegerBound)
        {
            Fail(SchemaKeywords.Child(pointer, keyword), $"{keyword} must be a number between -{MaxIntegerBound} and {MaxIntegerBound}");
            return null;
        }
        return (long)round(value.GetDouble()) + shift;
    }

    private string Primitive(string name)
    {
        JsonPrimitives.Use(name, primitives);
        return name;
    }

    private string Reserve(string hint)
    {
        var baseName = GbnfText.RuleName(hint);
        var name = baseName;
        for (var i = 2; names.Contains(name) || JsonPrimitives.IsReserved(name); i++) name = $"{baseName}-{i}";
        names.Add(name);
        return name;
    }

    private string Add(string name, string body)
    {
        rules.Add($"{name} ::= {body}");
        return name;
    }

    private string? Fail(string pointer, string message)
    {
        problem ??= new SchemaProblem(pointer, message);
        return null;
    }
}
