namespace Batch.Testing;

/// <summary>JSON Schemas with outputs their grammar must accept and must reject; shared by the converter's tests and llama.cpp's.</summary>
public static class SchemaCases
{
    public static IReadOnlyList<SchemaCase> All { get; } =
    [
        new("required properties",
            """{"type": "object", "properties": {"name": {"type": "string"}, "age": {"type": "integer"}}, "required": ["name", "age"]}""",
            ["""{"name": "Ann", "age": 31}""", """{"name":"","age":-4}""", """{ "name": "a\"b\\c\u00e9", "age": 0 }"""],
            ["""{"name": "Ann"}""", """{"age": 31, "name": "Ann"}""", """{"name": "Ann", "age": 31, "x": 1}""", """{"name": "Ann", "age": 3.5}""", """{"name": "Ann", "age": 01}"""]
        ),
        new("optional properties after a required one",
            // Optional properties: any subset, in schema order, after the required ones.
            """{"type": "object", "properties": {"a": {"type": "boolean"}, "b": {"type": "null"}, "c": {"type": "boolean"}}, "required": ["b"]}""",
            ["""{"b": null}""", """{"b": null, "a": true}""", """{"b": null, "c": false}""", """{"b": null, "a": false, "c": true}"""],
            ["""{}""", """{"a": true, "b": null}""", """{"b": null, "c": true, "a": false}""", """{"b": null, "a": true, "a": true}"""]
        ),
        new("all optional",
            """{"type": "object", "properties": {"x": {"type": "integer"}, "y": {"type": "integer"}}}""",
            ["{}", """{"x": 1}""", """{"y": 2}""", """{"x": 1, "y": 2}"""],
            ["""{"y": 2, "x": 1}""", """{,"x": 1}""", """{"x": 1,}"""]
        ),
        new("array bounds",
            """{"type": "array", "items": {"type": "integer"}, "minItems": 2, "maxItems": 3}""",
            ["[1, 2]", "[1,2,3]", "[ 1, 2, 3 ]"],
            ["[]", "[1]", "[1, 2, 3, 4]", "[1, 2,]"]
        ),
        new("array of bounded strings",
            """{"type": "array", "items": {"type": "string", "maxLength": 3}, "maxItems": 2}""",
            ["[]", """["abc"]""", """["", "xyz"]"""],
            ["""["abcd"]""", """["a", "b", "c"]"""]
        ),
        new("enum",
            """{"enum": ["positive", "negative", 3, null]}""",
            ["\"positive\"", "\"negative\"", "3", "null"],
            ["\"neutral\"", "\"Positive\"", "3.0"]
        ),
        new("const",
            """{"const": {"kind": "fixed", "n": [1, 2]}}""",
            ["""{"kind":"fixed","n":[1,2]}"""],
            ["""{"kind": "fixed", "n": [1, 2]}""", """{"kind":"other","n":[1,2]}"""]
        ),
        new("integer",
            """{"type": "integer"}""",
            ["0", "-7", "1234567890123456"],
            ["1.5", "1e3", "-0.0", "007", "12345678901234567", "\"1\""]
        ),
        new("number",
            """{"type": "number"}""",
            ["0", "-7", "3.25", "1e10", "-2.5E-3"],
            ["1.", ".5", "+1", "NaN", "1e1234"]
        ),
        new("integer range",
            """{"type": "integer", "minimum": 1, "maximum": 5}""",
            ["1", "3", "5"],
            ["0", "6", "-1", "10", "01"]
        ),
        new("exclusive integer range",
            """{"type": "integer", "exclusiveMinimum": -3, "exclusiveMaximum": 120}""",
            ["-2", "0", "119", "57"],
            ["-3", "120", "-20", "200"]
        ),
        new("string length",
            """{"type": "string", "minLength": 2, "maxLength": 4}""",
            ["\"ab\"", "\"abcd\"", "\"\\n\\u00e9\"", "\"é€\""],
            ["\"a\"", "\"abcde\"", "\"a\nb\"", "\"a\\qb\""]
        ),
        new("anyOf",
            """{"anyOf": [{"type": "string", "maxLength": 2}, {"type": "integer", "minimum": 0}, {"type": "null"}]}""",
            ["\"ok\"", "42", "null"],
            ["\"long\"", "-1", "true"]
        ),
        new("type list",
            """{"type": ["boolean", "null"]}""",
            ["true", "false", "null"],
            ["0", "\"true\""]
        ),
        new("recursive $ref",
            // $ref to local definitions, including a recursive one.
            """
            {"$defs": {"node": {"type": "object", "properties": {"v": {"type": "integer"}, "kids": {"type": "array", "items": {"$ref": "#/$defs/node"}, "maxItems": 2}}, "required": ["v"]}},
             "$ref": "#/$defs/node"}
            """,
            ["""{"v": 1}""", """{"v": 1, "kids": []}""", """{"v": 1, "kids": [{"v": 2}, {"v": 3, "kids": [{"v": 4}]}]}"""],
            ["""{"kids": []}""", """{"v": 1, "kids": [{"v": 2}, {"v": 3}, {"v": 4}]}"""]
        ),
        new("nested objects and whitespace",
            // Nested objects; whitespace is at most one space where JSON allows it.
            """{"type": "object", "properties": {"p": {"type": "object", "properties": {"q": {"type": "string", "enum": ["a"]}}, "required": ["q"]}}, "required": ["p"]}""",
            ["""{"p":{"q":"a"}}""", """{ "p": { "q": "a" } }"""],
            ["""{"p":  {"q": "a"}}""", """{"p" : {"q": "a"}}""", """ {"p": {"q": "a"}}""", """{"p": {"q": "a"}} """, "{\"p\":\n{\"q\": \"a\"}}"]
        ),
        new("any value",
            // No type: any JSON value.
            """{}""",
            ["1", "\"s\"", "[1, {\"a\": [true, null]}]", "{}"],
            ["[1,]", "{a: 1}", "tru"]
        ),
    ];
}
