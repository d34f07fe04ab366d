using System.Text.Json;
using Batch.Core.Structured;

namespace Batch.Core.Tests.Structured;

/// <summary>Schema → GBNF: each schema with outputs its grammar must accept and must reject.</summary>
public sealed class JsonSchemaGrammarTests
{
    public static TheoryData<string, string[], string[]> Cases() => new()
    {
        {
            """{"type": "object", "properties": {"name": {"type": "string"}, "age": {"type": "integer"}}, "required": ["name", "age"]}""",
            ["""{"name": "Ann", "age": 31}""", """{"name":"","age":-4}""", """{ "name": "a\"b\\c\u00e9", "age": 0 }"""],
            ["""{"name": "Ann"}""", """{"age": 31, "name": "Ann"}""", """{"name": "Ann", "age": 31, "x": 1}""", """{"name": "Ann", "age": 3.5}""", """{"name": "Ann", "age": 01}"""]
        },
        {
            // Optional properties: any subset, in schema order, after the required ones.
            """{"type": "object", "properties": {"a": {"type": "boolean"}, "b": {"type": "null"}, "c": {"type": "boolean"}}, "required": ["b"]}""",
            ["""{"b": null}""", """{"b": null, "a": true}""", """{"b": null, "c": false}""", """{"b": null, "a": false, "c": true}"""],
            ["""{}""", """{"a": true, "b": null}""", """{"b": null, "c": true, "a": false}""", """{"b": null, "a": true, "a": true}"""]
        },
        {
            """{"type": "object", "properties": {"x": {"type": "integer"}, "y": {"type": "integer"}}}""",
            ["{}", """{"x": 1}""", """{"y": 2}""", """{"x": 1, "y": 2}"""],
            ["""{"y": 2, "x": 1}""", """{,"x": 1}""", """{"x": 1,}"""]
        },
        {
            """{"type": "array", "items": {"type": "integer"}, "minItems": 2, "maxItems": 3}""",
            ["[1, 2]", "[1,2,3]", "[ 1, 2, 3 ]"],
            ["[]", "[1]", "[1, 2, 3, 4]", "[1, 2,]"]
        },
        {
            """{"type": "array", "items": {"type": "string", "maxLength": 3}, "maxItems": 2}""",
            ["[]", """["abc"]""", """["", "xyz"]"""],
            ["""["abcd"]""", """["a", "b", "c"]"""]
        },
        {
            """{"enum": ["positive", "negative", 3, null]}""",
            ["\"positive\"", "\"negative\"", "3", "null"],
            ["\"neutral\"", "\"Positive\"", "3.0"]
        },
        {
            """{"const": {"kind": "fixed", "n": [1, 2]}}""",
            ["""{"kind":"fixed","n":[1,2]}"""],
            ["""{"kind": "fixed", "n": [1, 2]}""", """{"kind":"other","n":[1,2]}"""]
        },
        {
            """{"type": "integer"}""",
            ["0", "-7", "1234567890123456"],
            ["1.5", "1e3", "-0.0", "007", "12345678901234567", "\"1\""]
        },
        {
            """{"type": "number"}""",
            ["0", "-7", "3.25", "1e10", "-2.5E-3"],
            ["1.", ".5", "+1", "NaN", "1e1234"]
        },
        {
            """{"type": "integer", "minimum": 1, "maximum": 5}""",
            ["1", "3", "5"],
            ["0", "6", "-1", "10", "01"]
        },
        {
            """{"type": "integer", "exclusiveMinimum": -3, "exclusiveMaximum": 120}""",
            ["-2", "0", "119", "57"],
            ["-3", "120", "-20", "200"]
        },
        {
            """{"type": "string", "minLength": 2, "maxLength": 4}""",
            ["\"ab\"", "\"abcd\"", "\"\\n\\u00e9\"", "\"é€\""],
            ["\"a\"", "\"abcde\"", "\"a\nb\"", "\"a\\qb\""]
        },
        {
            """{"anyOf": [{"type": "string", "maxLength": 2}, {"type": "integer", "minimum": 0}, {"type": "null"}]}""",
            ["\"ok\"", "42", "null"],
            ["\"long\"", "-1", "true"]
        },
        {
            """{"type": ["boolean", "null"]}""",
            ["true", "false", "null"],
            ["0", "\"true\""]
        },
        {
            // $ref to local definitions, including a recursive one.
            """
            {"$defs": {"node": {"type": "object", "properties": {"v": {"type": "integer"}, "kids": {"type": "array", "items": {"$ref": "#/$defs/node"}, "maxItems": 2}}, "required": ["v"]}},
             "$ref": "#/$defs/node"}
            """,
            ["""{"v": 1}""", """{"v": 1, "kids": []}""", """{"v": 1, "kids": [{"v": 2}, {"v": 3, "kids": [{"v": 4}]}]}"""],
            ["""{"kids": []}""", """{"v": 1, "kids": [{"v": 2}, {"v": 3}, {"v": 4}]}"""]
        },
        {
            // Nested objects; whitespace is at most one space where JSON allows it.
            """{"type": "object", "properties": {"p": {"type": "object", "properties": {"q": {"type": "string", "enum": ["a"]}}, "required": ["q"]}}, "required": ["p"]}""",
            ["""{"p":{"q":"a"}}""", """{ "p": { "q": "a" } }"""],
            ["""{"p":  {"q": "a"}}""", """{"p" : {"q": "a"}}""", """ {"p": {"q": "a"}}""", """{"p": {"q": "a"}} """, "{\"p\":\n{\"q\": \"a\"}}"]
        },
        {
            // No type: any JSON value.
            """{}""",
            ["1", "\"s\"", "[1, {\"a\": [true, null]}]", "{}"],
            ["[1,]", "{a: 1}", "tru"]
        },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Grammar_AcceptsValidAndRejectsInvalidOutputs(string schema, string[] accepted, string[] rejected)
    {
        var grammar = Convert(schema);

        foreach (var text in accepted) Assert.True(grammar.Matches(text), $"should match: {text}\n{grammar.Text}");
        foreach (var text in rejected) Assert.False(grammar.Matches(text), $"should not match: {text}\n{grammar.Text}");
    }

    [Theory]
    [InlineData("""{"type": "string", "pattern": "^a+$"}""", "#/pattern", "unsupported keyword 'pattern'")]
    [InlineData("""{"type": "object", "properties": {"x": {"oneOf": [{"type": "string"}]}}}""", "#/properties/x/oneOf", "use anyOf")]
    [InlineData("""{"type": "strin"}""", "#/type", "unknown type 'strin'")]
    [InlineData("""{"type": "object", "properties": {"a": {}}, "required": ["b"]}""", "#/required", "required property 'b' is not in properties")]
    [InlineData("""{"$ref": "#/$defs/missing"}""", "#/$ref", "does not point into this schema")]
    [InlineData("""{"$ref": "https://example.com/s.json"}""", "#/$ref", "only local references")]
    [InlineData("""{"type": "array", "maxItems": 5000}""", "#/maxItems", "above 2000")]
    [InlineData("""{"type": "string", "minLength": 5, "maxLength": 2}""", "#/minLength", "above maxLength")]
    [InlineData("""{"type": "number", "minimum": 0}""", "#/minimum", "integers only")]
    [InlineData("""{"type": "integer", "minimum": 5, "maximum": 4}""", "#", "no integer lies between")]
    [InlineData("""{"enum": []}""", "#/enum", "non-empty list")]
    [InlineData("""{"type": "object", "properties": {"a/b": false}}""", "#/properties/a~1b", "matches nothing")]
    [InlineData("""{"$ref": "#"}""", "#", "left-recursive")]
    public void UnsupportedSchema_NamesThePath(string schema, string pointer, string message)
    {
        using var document = JsonDocument.Parse(schema);

        Assert.False(JsonSchemaGrammar.TryConvert(document.RootElement, out _, out var problem));

        Assert.Equal(pointer, "#" + problem.Pointer);
        Assert.Contains(message, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Annotations_AreIgnored_AndNamesStayValid()
    {
        var grammar = Convert("""
            {"$schema": "https://json-schema.org/draft/2020-12/schema", "title": "T", "description": "d", "additionalProperties": false,
             "type": "object", "properties": {"weird key/~\"x\"": {"type": "string", "examples": ["a"]}, "ws": {"type": "boolean"}}, "required": ["weird key/~\"x\""]}
            """);

        Assert.True(grammar.Matches("""{"weird key/~\"x\"": "v", "ws": true}"""));
    }

    private static GbnfGrammar Convert(string schema)
    {
        using var document = JsonDocument.Parse(schema);
        Assert.True(JsonSchemaGrammar.TryConvert(document.RootElement, out var grammar, out var problem), problem?.ToString());
        return grammar;
    }
}
