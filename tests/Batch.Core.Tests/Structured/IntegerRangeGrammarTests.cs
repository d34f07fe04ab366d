using System.Globalization;
using Batch.Core.Structured;
using CsCheck;

namespace Batch.Core.Tests.Structured;

/// <summary>The range grammar accepts exactly the integers in its range, written as JSON writes them.</summary>
public sealed class IntegerRangeGrammarTests
{
    private static readonly Gen<long> Bound = Gen.OneOf(Gen.Long[-120, 120], Gen.Long[-100_000, 100_000], Gen.Long[-10_000_000_000, 10_000_000_000]);
    private static readonly Gen<long?> MaybeBound = Gen.Frequency((1, Gen.Const((long?)null)), (4, Bound.Select(b => (long?)b)));

    [Fact]
    public void Range_AcceptsExactlyItsIntegers() =>
        Gen.Select(MaybeBound, MaybeBound, Bound).Sample((a, b, probe) =>
        {
            (long? min, long? max) = a is { } x && b is { } y && x > y ? (b, a) : (a, b);
            var grammar = Parse(IntegerRangeGrammar.For(min, max));
            foreach (var n in new[] { probe, min ?? probe, max ?? probe, (min ?? 0) - 1, (max ?? 0) + 1, 0, -1, 1 })
            {
                var expected = (min is null || n >= min) && (max is null || n <= max);
                Assert.True(expected == grammar.Matches(n.ToString(CultureInfo.InvariantCulture)), $"[{min}, {max}] on {n}:\n{grammar.Text}");
            }
            Assert.False(grammar.Matches("-0"));
            Assert.False(grammar.Matches("01"));
        }, iter: 300);

    [Fact]
    public void OpenEnd_StopsAtSixteenDigits()
    {
        var grammar = Parse(IntegerRangeGrammar.For(5, null));

        Assert.True(grammar.Matches("9999999999999999"));
        Assert.False(grammar.Matches("10000000000000000"));
    }

    private static GbnfGrammar Parse(string expression)
    {
        Assert.True(GbnfGrammar.TryParse($"root ::= {expression}\n", out var grammar, out var error), error + "\n" + expression);
        return grammar;
    }
}
