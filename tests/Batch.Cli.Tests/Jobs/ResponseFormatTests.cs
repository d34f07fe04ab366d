using System.Text.Json;
using Batch.Core.Structured;

namespace Batch.Cli.Tests.Jobs;

/// <summary>The response_format section: schemas that load, and every way one is refused with its position.</summary>
public sealed class ResponseFormatTests
{
    private const string Input = "input: {paths: [a.jsonl]}\n";

    [Fact]
    public void InlineSchema_BecomesJsonAndACheckedGrammar()
    {
        var job = TempJobFile.Job(Input + """
            response_format:
              type: json_schema
              schema:
                type: object
                properties:
                  rating: {type: integer, minimum: 1, maximum: 5}
                  label: {enum: [yes, "1", 1, 2.5, null, true]}
                required: [rating]
            """);

        var format = Assert.IsType<Batch.Core.Jobs.ResponseFormatOptions>(job.ResponseFormat);
        using var schema = JsonDocument.Parse(format.Schema);
        Assert.Equal(1, schema.RootElement.GetProperty("properties").GetProperty("rating").GetProperty("minimum").GetInt32());
        Assert.Equal("""["yes","1",1,2.5,null,true]""", schema.RootElement.GetProperty("properties").GetProperty("label").GetProperty("enum").GetRawText());
        Assert.True(GbnfGrammar.TryParse(format.Grammar, out var grammar, out _));
        Assert.True(grammar.Matches("""{"rating": 4, "label": "yes"}"""));
        Assert.False(grammar.Matches("""{"rating": 6}"""));
    }

    [Fact]
    public void SchemaFile_IsReadRelativeToTheJobFile()
    {
        using var file = new TempJobFile(Input + "response_format: {schema_file: schemas/s.json}\n");
        Directory.CreateDirectory(Path.Combine(file.Folder, "schemas"));
        File.WriteAllText(Path.Combine(file.Folder, "schemas", "s.json"), """{"type": "array", "items": {"type": "boolean"}, "maxItems": 2}""");

        var result = file.Load();

        Assert.True(result.IsSuccess, string.Join("\n", result.Errors));
        Assert.Equal("schemas/s.json", result.Job.ResponseFormat!.SchemaFile);
        Assert.True(GbnfGrammar.TryParse(result.Job.ResponseFormat.Grammar, out var grammar, out _));
        Assert.True(grammar.Matches("[true, false]"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("response_format: {type: text}\n")]
    [InlineData("response_format:\n")]
    public void NoSchema_MeansFreeText(string yaml) => Assert.Null(TempJobFile.Job(Input + yaml).ResponseFormat);

    [Theory]
    [InlineData("unsupported keyword, deep",
        "response_format:\n  schema:\n    type: object\n    properties:\n      name: {type: string, pattern: '^a'}\n", 6, 37,
        "response_format.schema: #/properties/name/pattern: unsupported keyword 'pattern'")]
    [InlineData("unknown type", "response_format:\n  schema:\n    type: strng\n", 4, 11, "#/type: unknown type 'strng'")]
    [InlineData("required not in properties", "response_format:\n  schema: {properties: {a: {}}, required: [a, b]}\n", 3, 43,
        "#/required: required property 'b' is not in properties")]
    [InlineData("bad $ref", "response_format:\n  schema: {$ref: '#/$defs/nope'}\n", 3, 18, "#/$ref: '#/$defs/nope' does not point into this schema")]
    [InlineData("left recursion", "response_format:\n  schema: {$ref: '#'}\n", 3, 11, "left-recursive")]
    [InlineData("too many items", "response_format:\n  schema: {type: array, maxItems: 9999}\n", 3, 35, "#/maxItems: maxItems 9999 is above 2000")]
    [InlineData("infinite number", "response_format:\n  schema: {type: integer, maximum: .inf}\n", 3, 36, "JSON has no .inf")]
    [InlineData("bad type", "response_format: {type: json, schema: {}}\n", 2, 25, "response_format.type must be json_schema or text, got 'json'")]
    [InlineData("both sources", "response_format: {schema: {}, schema_file: s.json}\n", 2, 44, "give schema or schema_file, not both")]
    [InlineData("no source", "response_format: {type: json_schema}\n", 2, 1, "response_format needs a schema")]
    [InlineData("scalar schema", "response_format: {schema: object}\n", 2, 27, "response_format.schema: expected a mapping")]
    [InlineData("text with schema", "response_format: {type: text, schema: {}}\n", 2, 39, "type text takes no schema")]
    [InlineData("schema file missing", "response_format: {schema_file: none.json}\n", 2, 32, "does not exist")]
    [InlineData("schema file not json", "response_format: {schema_file: s.yaml}\n", 2, 32, "must be a .json file")]
    [InlineData("ignore_eos", "generation: {ignore_eos: true}\nresponse_format: {schema: {}}\n", 3, 1, "cannot be combined with generation.ignore_eos")]
    [InlineData("self-referencing alias", "response_format:\n  schema: &a {type: array, items: *a}\n", 3, 11, "alias inside its own anchor")]
    [InlineData("unknown key", "response_format: {schema: {}, strict: true}\n", 2, 31, "unknown key 'strict' in response_format")]
    public void InvalidResponseFormat_IsAJobFileError_AtItsNode(string kind, string yaml, int line, int column, string message)
    {
        var error = Assert.Single(TempJobFile.Errors(Input + yaml));

        Assert.True((line, column) == (error.Line, error.Column), $"{kind}: expected {line}:{column}, got {error}");
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"type\": \"object\",\n \"properties\": {\"a\": {\"type\": \"string\", \"format\": \"email\"}}}", "s.json: #/properties/a/format: unsupported keyword 'format'")]
    [InlineData("{\"type\": \"object\",\n \"properties\": }", "s.json:2:16: invalid JSON")]
    public void BadSchemaFile_IsAnErrorAtTheSchemaFileKey(string json, string message)
    {
        using var file = new TempJobFile(Input + "response_format:\n  schema_file: s.json\n");
        File.WriteAllText(Path.Combine(file.Folder, "s.json"), json);

        var error = Assert.Single(file.Load().Errors);

        Assert.Equal((3, 16), (error.Line, error.Column));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }
}
