using System.Text.Json;
using Batch.Core.Structured;
using Batch.Testing;

namespace Batch.Core.Tests.Structured;

/// <summary>Schema → GBNF: each schema with outputs its grammar must accept and must reject.</summary>
public sealed class JsonSchemaGrammarTests
{
    public static TheoryData<string, string, string[], string[]> Cases()
    {
        var data = new TheoryData<string, string, string[], string[]>();
        foreach (var c in SchemaCases.All) data.Add(c.Name, c.Schema, c.Accepted, c.Rejected);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Grammar_AcceptsValidAndRejectsInvalidOutputs(string name, string schema, string[] accepted, string[] rejected)
    {
        var grammar = Convert(schema);

        foreach (var text in accepted) Assert.True(grammar.Matches(text), $"{name}: should match: {text}\n{grammar.Text}");
        foreach (var text in rejected) Assert.False(grammar.Matches(text), $"{name}: should not match: {text}\n{grammar.Text}");
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
