using Batch.Core.Text;
using CsCheck;

namespace Batch.Core.Tests.Text;

public sealed class PromptTemplateTests
{
    [Fact]
    public void TryParse_Placeholders_AreDistinctInOrderOfFirstUse()
    {
        var template = Parse("Title: {title}\n{body}\n{title} again");

        Assert.Equal(["title", "body"], template.Placeholders);
        Assert.Equal(
            [
                new PromptTemplateSegment("Title: ", false),
                new PromptTemplateSegment("title", true),
                new PromptTemplateSegment("\n", false),
                new PromptTemplateSegment("body", true),
                new PromptTemplateSegment("\n", false),
                new PromptTemplateSegment("title", true),
                new PromptTemplateSegment(" again", false),
            ],
            template.Segments);
    }

    [Fact]
    public void TryParse_DoubledBraces_AreLiteral()
    {
        var template = Parse("{{\"json\": {value}}}");

        Assert.Equal(["value"], template.Placeholders);
        Assert.Equal("{\"json\": 42}", Render(template, ("value", "42")));
    }

    [Fact]
    public void TryParse_NoPlaceholders_IsAllLiteral()
    {
        var template = Parse("Just {{text}}.");

        Assert.Empty(template.Placeholders);
        Assert.Equal("Just {text}.", template.SharedPrefix);
        Assert.Equal("Just {text}.", Render(template));
    }

    [Theory]
    [InlineData("Summarize:\n{body}", "Summarize:\n")]
    [InlineData("{body} is first", "")]
    [InlineData("{{x}} then {y}", "{x} then ")]
    [InlineData("", "")]
    public void SharedPrefix_IsTheLiteralTextBeforeTheFirstPlaceholder(string text, string expected)
    {
        Assert.Equal(expected, Parse(text).SharedPrefix);
    }

    [Theory]
    [InlineData("a-b.c_d9", "a-b.c_d9")]
    [InlineData("2023", "2023")]
    [InlineData("titre_été", "titre_été")]
    public void TryParse_NameCharacters(string name, string expected)
    {
        Assert.Equal([expected], Parse($"<{name}>".Replace('<', '{').Replace('>', '}')).Placeholders);
    }

    [Theory]
    [InlineData("Hi {name", "unclosed '{' at offset 3")]
    [InlineData("{a} {", "unclosed '{' at offset 4")]
    [InlineData("Hi {a{b}", "unclosed '{' at offset 3")]
    [InlineData("Hi {}", "empty placeholder '{}' at offset 3")]
    [InlineData("Hi {first name}", "invalid character ' ' in placeholder name at offset 9")]
    [InlineData("{a\nb}", "invalid character U+000A in placeholder name at offset 2")]
    [InlineData("Hi {a} }", "unmatched '}' at offset 7")]
    [InlineData("}", "unmatched '}' at offset 0")]
    public void TryParse_Malformed_ReportsTheOffset(string text, string expected)
    {
        Assert.False(PromptTemplate.TryParse(text, out var template, out var error));
        Assert.Null(template);
        Assert.StartsWith(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_Malformed_ThrowsBecauseTheCallerShouldHaveValidated()
    {
        Assert.Throws<ArgumentException>(() => PromptTemplate.Parse("{oops"));
    }

    [Fact]
    public void TryRender_FillsEveryPlaceholder()
    {
        var template = Parse("{greeting}, {name}! {greeting}.");

        Assert.Equal("Hello, Ada! Hello.", Render(template, ("greeting", "Hello"), ("name", "Ada")));
    }

    [Fact]
    public void TryRender_ValuesAreNotReinterpreted()
    {
        var template = Parse("<{a}>");

        Assert.Equal("<{b}}{{>", Render(template, ("a", "{b}}{{")));
    }

    [Fact]
    public void TryRender_MissingField_NamesIt()
    {
        var template = Parse("{title}: {body}");

        Assert.False(template.TryRender(name => name == "title" ? "T" : null, out var prompt, out var missing));
        Assert.Null(prompt);
        Assert.Equal("body", missing);
    }

    [Fact]
    public void TryRender_EmptyValue_IsNotMissing()
    {
        Assert.Equal("[]", Render(Parse("[{x}]"), ("x", "")));
    }

    [Fact]
    public void Literal_Escaped_RoundTripsThroughParseAndRender()
    {
        Gen.String.Sample(text =>
        {
            var escaped = text.Replace("{", "{{", StringComparison.Ordinal).Replace("}", "}}", StringComparison.Ordinal);
            var template = Parse(escaped);
            return template.Placeholders.Count == 0 && template.SharedPrefix == text && Render(template) == text;
        });
    }

    [Fact]
    public void Render_OfLiteralsAndPlaceholders_EqualsConcatenation()
    {
        var literal = Gen.String[Gen.Char.AlphaNumeric, 0, 8];
        var name = Gen.String[Gen.Char.AlphaNumeric, 1, 6];
        Gen.Select(literal, name, literal, name, literal).Sample((a, x, b, y, c) =>
        {
            var template = Parse($"{a}{{{x}}}{b}{{{y}}}{c}");
            var rendered = Render(template, (x, "<" + x + ">"), (y, "<" + y + ">"));
            return rendered == $"{a}<{x}>{b}<{y}>{c}" && template.SharedPrefix == a;
        });
    }

    private static PromptTemplate Parse(string text)
    {
        Assert.True(PromptTemplate.TryParse(text, out var template, out var error), error);
        return template;
    }

    private static string Render(PromptTemplate template, params (string Name, string Value)[] values)
    {
        var lookup = values.DistinctBy(v => v.Name).ToDictionary(v => v.Name, v => v.Value);
        Assert.True(template.TryRender(n => lookup.GetValueOrDefault(n), out var prompt, out var missing), missing);
        return prompt;
    }
}
