namespace Batch.Core.Structured;

/// <summary>
/// The shared GBNF rules of JSON values. Whitespace is one optional space (<c>ws</c>) after <c>{ [ , :</c> and
/// before a closing bracket, so a constrained row can never spend its tokens on blanks; numbers have at most
/// 16 integer and 16 fraction digits for the same reason. Strings allow JSON's escapes, never raw control
/// characters.
/// </summary>
internal static class JsonPrimitives
{
    public const string Whitespace = "ws";

    private static readonly Dictionary<string, (string Body, string[] Uses)> Rules = new(StringComparer.Ordinal)
    {
        ["ws"] = ("\" \"?", []),
        ["char"] = ("[^\"\\\\\\x7F\\x00-\\x1F] | \"\\\\\" ([\"\\\\/bfnrt] | \"u\" [0-9a-fA-F]{4})", []),
        ["string"] = ("\"\\\"\" char* \"\\\"\"", ["char"]),
        ["integer"] = ("\"-\"? (\"0\" | [1-9] [0-9]{0,15})", []),
        ["number"] = ("\"-\"? (\"0\" | [1-9] [0-9]{0,15}) (\".\" [0-9]{1,16})? ([eE] [-+]? [0-9]{1,3})?", []),
        ["boolean"] = ("\"true\" | \"false\"", []),
        ["null"] = ("\"null\"", []),
        ["value"] = ("object | array | string | number | boolean | null", ["object", "array", "string", "number", "boolean", "null"]),
        ["object"] = ("\"{\" ws (string \":\" ws value (\",\" ws string \":\" ws value)* ws)? \"}\"", ["ws", "string", "value"]),
        ["array"] = ("\"[\" ws (value (\",\" ws value)* ws)? \"]\"", ["ws", "value"]),
    };

    /// <summary>True for the names above; schema rules never take them.</summary>
    public static bool IsReserved(string name) => Rules.ContainsKey(name);

    /// <summary>Adds <paramref name="name"/> and every rule it uses to <paramref name="used"/>.</summary>
    public static void Use(string name, ISet<string> used)
    {
        if (!used.Add(name)) return;
        foreach (var dependency in Rules[name].Uses) Use(dependency, used);
    }

    /// <summary>The rule definitions of <paramref name="used"/>, in a fixed order.</summary>
    public static IEnumerable<string> Definitions(ISet<string> used) =>
        Rules.Where(r => used.Contains(r.Key)).Select(r => $"{r.Key} ::= {r.Value.Body}");
}
