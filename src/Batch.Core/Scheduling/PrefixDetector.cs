namespace Batch.Core.Scheduling;

/// <summary>Finds the token prefix a batch job's prompts share (its instructions), from the first rows queued.</summary>
public static class PrefixDetector
{
    /// <summary>Rows looked at; a batch job's rows share their template, so a few suffice.</summary>
    public const int SampleSize = 64;

    /// <summary>The shared prefix, or empty when shorter than <paramref name="minimumLength"/>; every prompt keeps at least one own token.</summary>
    public static int[] Detect(IEnumerable<int[]> prompts, int minimumLength)
    {
        int[]? first = null;
        var length = int.MaxValue;
        var count = 0;
        foreach (var prompt in prompts.Take(SampleSize))
        {
            count++;
            if (first is null)
            {
                first = prompt;
                length = prompt.Length - 1;
                continue;
            }
            length = Math.Min(length, Math.Min(prompt.Length - 1, CommonLength(first, prompt)));
        }
        return count < 2 || length < minimumLength ? [] : first![..length];
    }

    public static bool StartsWith(int[] prompt, int[] prefix) =>
        prompt.Length > prefix.Length && prompt.AsSpan(0, prefix.Length).SequenceEqual(prefix);

    private static int CommonLength(int[] a, int[] b)
    {
        var n = Math.Min(a.Length, b.Length);
        var i = 0;
        while (i < n && a[i] == b[i]) i++;
        return i;
    }
}
