using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Batch.Llama.Synthetic;

/// <summary>Which synthetic model to make: preset, storage and seed. Written as <c>synthetic:tiny[:q8_0][:seed=N]</c>.</summary>
public sealed record SyntheticModelSpec(SyntheticPreset Preset, SyntheticQuantization Quantization, ulong Seed)
{
    /// <summary>The prefix that marks a model reference as synthetic.</summary>
    public const string Scheme = "synthetic:";

    /// <summary>The seed used when a reference names none.</summary>
    public const ulong DefaultSeed = 42;

    /// <summary>The preset in its default storage with the default seed.</summary>
    public static SyntheticModelSpec For(SyntheticPreset preset) => new(preset, preset.DefaultQuantization, DefaultSeed);

    /// <summary>Whether a model reference names a synthetic model rather than a file.</summary>
    public static bool IsSyntheticReference(string reference) =>
        reference.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase);

    /// <summary>Parses <c>synthetic:&lt;preset&gt;[:&lt;quant&gt;][:seed=&lt;n&gt;]</c>.</summary>
    public static bool TryParse(string reference, [NotNullWhen(true)] out SyntheticModelSpec? spec, [NotNullWhen(false)] out string? error)
    {
        spec = null;
        if (!IsSyntheticReference(reference))
        {
            error = $"'{reference}' is not a synthetic model reference (expected '{Scheme}<preset>').";
            return false;
        }

        var parts = reference[Scheme.Length..].Split(':');
        if (!SyntheticPreset.TryGet(parts[0], out var preset))
        {
            error = $"Unknown synthetic preset '{parts[0]}' (known: {string.Join(", ", SyntheticPreset.All.Select(p => p.Name))}).";
            return false;
        }

        var (quantization, seed) = (preset.DefaultQuantization, DefaultSeed);
        foreach (var part in parts.Skip(1))
        {
            if (part.StartsWith("seed=", StringComparison.OrdinalIgnoreCase)
                && ulong.TryParse(part.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out var parsedSeed))
            {
                seed = parsedSeed;
            }
            else if (!TryParseQuantization(part, out quantization))
            {
                error = $"'{part}' in '{reference}' is neither a quantization (f16, q8_0, q4_k_m) nor seed=<n>.";
                return false;
            }
        }

        spec = new SyntheticModelSpec(preset, quantization, seed);
        error = null;
        return true;
    }

    /// <summary>Parses f16, q8_0 or q4_k_m (case-insensitive).</summary>
    public static bool TryParseQuantization(string text, out SyntheticQuantization quantization)
    {
        quantization = text.ToLowerInvariant() switch
        {
            "f16" => SyntheticQuantization.F16,
            "q8_0" => SyntheticQuantization.Q8_0,
            "q4_k_m" => SyntheticQuantization.Q4_K_M,
            _ => (SyntheticQuantization)(-1),
        };
        return Enum.IsDefined(quantization);
    }

    /// <summary>The lower-case name used in references and file names.</summary>
    public static string QuantizationName(SyntheticQuantization quantization) => quantization.ToString().ToLowerInvariant();

    /// <summary>The canonical reference, e.g. <c>synthetic:tiny:f16:seed=42</c>.</summary>
    public override string ToString() =>
        FormattableString.Invariant($"{Scheme}{Preset.Name}:{QuantizationName(Quantization)}:seed={Seed}");
}
