using System.Globalization;
using System.Text;

namespace Batch.Core.Structured;

/// <summary>
/// A GBNF expression for the JSON integers in a range, digit by digit (the classic regex range construction):
/// split the range by digit count, then on each length branch on the first digit. An open end allows at most
/// <see cref="MaxDigits"/> digits, so a constrained number always ends.
/// </summary>
public static class IntegerRangeGrammar
{
    /// <summary>Digits an integer with no upper bound may have (as llama.cpp's JSON grammars allow).</summary>
    public const int MaxDigits = 16;

    /// <summary>The integers in [<paramref name="min"/>, <paramref name="max"/>]; null means no bound on that side.</summary>
    public static string For(long? min, long? max)
    {
        if (min > max) throw new ArgumentException($"empty range [{min}, {max}]", nameof(min));
        var options = new List<string>();
        if (min is null || min < 0)
        {
            // Negative part: "-" then magnitudes in [max(1, -max), -min].
            var lowMagnitude = max is { } hi && hi < 0 ? -hi : 1;
            options.Add(min is { } lo ? $"\"-\" {Between(lowMagnitude, -lo)}" : $"\"-\" {AtLeast(lowMagnitude)}");
        }
        if (max is null || max >= 0)
        {
            var low = Math.Max(min ?? 0, 0);
            options.Add(max is { } hi ? Between(low, hi) : AtLeast(low));
        }
        return Group(options);
    }

    /// <summary>Non-negative integers from <paramref name="low"/> up, at most <see cref="MaxDigits"/> digits.</summary>
    private static string AtLeast(long low)
    {
        var digits = Digits(low);
        if (digits >= MaxDigits) return Between(low, Pow10(digits) - 1);
        return Group([Between(low, Pow10(digits) - 1), $"[1-9] [0-9]{{{digits},{MaxDigits - 1}}}"]);
    }

    private static string Between(long low, long high)
    {
        var options = new List<string>();
        for (var length = Digits(low); length <= Digits(high); length++)
        {
            var from = length == Digits(low) ? low : Pow10(length - 1);
            var to = length == Digits(high) ? high : Pow10(length) - 1;
            options.Add(SameLength(Text(from), Text(to)));
        }
        return Group(options);
    }

    /// <summary>Digit strings of one length between <paramref name="low"/> and <paramref name="high"/> (leading zeros allowed below the first digit).</summary>
    private static string SameLength(string low, string high)
    {
        if (low.Length == 1) return low == high ? $"\"{low}\"" : $"[{low}-{high}]";
        if (low[0] == high[0]) return $"\"{low[0]}\" {SameLength(low[1..], high[1..])}";
        var rest = low.Length - 1;
        var options = new List<string>();
        var lowTailIsZeros = low.AsSpan(1).IndexOfAnyExcept('0') < 0;
        var highTailIsNines = high.AsSpan(1).IndexOfAnyExcept('9') < 0;
        if (!lowTailIsZeros) options.Add($"\"{low[0]}\" {SameLength(low[1..], new string('9', rest))}");
        var middleFrom = lowTailIsZeros ? low[0] : (char)(low[0] + 1);
        var middleTo = highTailIsNines ? high[0] : (char)(high[0] - 1);
        if (middleFrom <= middleTo)
        {
            var first = middleFrom == middleTo ? $"\"{middleFrom}\"" : $"[{middleFrom}-{middleTo}]";
            options.Add(rest == 1 ? $"{first} [0-9]" : $"{first} [0-9]{{{rest}}}");
        }
        if (!highTailIsNines) options.Add($"\"{high[0]}\" {SameLength(new string('0', rest), high[1..])}");
        return Group(options);
    }

    private static string Group(List<string> options)
    {
        if (options.Count == 1) return options[0].Contains(' ', StringComparison.Ordinal) ? $"({options[0]})" : options[0];
        var text = new StringBuilder("(");
        text.AppendJoin(" | ", options);
        return text.Append(')').ToString();
    }

    private static int Digits(long value) => Text(value).Length;

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static long Pow10(int exponent)
    {
        var result = 1L;
        for (var i = 0; i < exponent; i++) result = result > long.MaxValue / 10 ? long.MaxValue : result * 10;
        return result;
    }
}
