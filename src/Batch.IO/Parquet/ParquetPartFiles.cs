using System.Globalization;

namespace Batch.IO.Parquet;

/// <summary>Names and finds the part files of a directory dataset: part-00000.parquet, part-00001.parquet, …</summary>
internal static class ParquetPartFiles
{
    private const string Prefix = "part-";
    private const string Extension = ".parquet";
    private const string TempSuffix = ".tmp";

    /// <summary>The final name of part <paramref name="index"/>.</summary>
    public static string PathOf(string folder, long index) =>
        Path.Combine(folder, Prefix + index.ToString("D5", CultureInfo.InvariantCulture) + Extension);

    /// <summary>Where part <paramref name="index"/> is written before it is renamed into place.</summary>
    public static string TempPathOf(string folder, long index) => PathOf(folder, index) + TempSuffix;

    /// <summary>The indexes of the finished parts in <paramref name="folder"/>, ascending.</summary>
    public static IReadOnlyList<long> List(string folder) =>
        Directory.EnumerateFiles(folder, Prefix + "*" + Extension)
            .Select(path => TryParseIndex(Path.GetFileName(path), Extension, out var index) ? index : -1)
            .Where(index => index >= 0)
            .Order()
            .ToArray();

    /// <summary>Deletes the parts numbered <paramref name="firstIndex"/> and up, and every half-written part.</summary>
    public static void DeleteFrom(string folder, long firstIndex)
    {
        foreach (var path in Directory.EnumerateFiles(folder, Prefix + "*"))
        {
            var name = Path.GetFileName(path);
            var isStale = TryParseIndex(name, Extension + TempSuffix, out _)
                || (TryParseIndex(name, Extension, out var index) && index >= firstIndex);
            if (isStale) File.Delete(path);
        }
    }

    private static bool TryParseIndex(string name, string suffix, out long index)
    {
        index = -1;
        if (!name.StartsWith(Prefix, StringComparison.Ordinal) || !name.EndsWith(suffix, StringComparison.Ordinal))
            return false;
        var digits = name.AsSpan(Prefix.Length, name.Length - Prefix.Length - suffix.Length);
        return long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out index);
    }
}
