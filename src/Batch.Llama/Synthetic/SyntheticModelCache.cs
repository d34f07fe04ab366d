using System.Diagnostics.CodeAnalysis;

namespace Batch.Llama.Synthetic;

/// <summary>Resolves <c>synthetic:…</c> references to files in a cache folder, generating each on first use.</summary>
/// <remarks>Files are written under a unique temporary name and renamed into place, so processes racing on the same
/// model each produce identical bytes and a reader never sees a half-written file.</remarks>
public sealed class SyntheticModelCache
{
    private readonly SyntheticModelWriter _writer;
    private readonly object _gate = new();

    /// <summary>Creates a cache over <paramref name="folder"/> (created when needed).</summary>
    public SyntheticModelCache(string folder, SyntheticModelWriter writer)
    {
        Folder = Path.GetFullPath(folder);
        _writer = writer;
    }

    /// <summary>The folder holding the generated models.</summary>
    public string Folder { get; }

    /// <summary>The default cache folder: $BATCH_CACHE_DIR, else $XDG_CACHE_HOME/batch, else ~/.cache/batch.</summary>
    public static string DefaultFolder(string? batchCacheDir, string? xdgCacheHome, string homeDirectory)
    {
        if (!string.IsNullOrWhiteSpace(batchCacheDir))
        {
            return batchCacheDir;
        }

        return string.IsNullOrWhiteSpace(xdgCacheHome)
            ? Path.Combine(homeDirectory, ".cache", "batch")
            : Path.Combine(xdgCacheHome, "batch");
    }

    /// <summary>Where the model for <paramref name="spec"/> lives (whether or not it exists yet).</summary>
    public string PathFor(SyntheticModelSpec spec) => Path.Combine(
        Folder,
        FormattableString.Invariant(
            $"{spec.Preset.Name}-{SyntheticModelSpec.QuantizationName(spec.Quantization)}-s{spec.Seed}-g{SyntheticModelWriter.GeneratorVersion}.gguf"));

    /// <summary>Parses a reference and returns its file, generating it first if needed; a bad reference is an error.</summary>
    public bool TryResolve(string reference, [NotNullWhen(true)] out string? path, [NotNullWhen(false)] out string? error)
    {
        path = null;
        if (!SyntheticModelSpec.TryParse(reference, out var spec, out error))
        {
            return false;
        }

        path = GetOrCreate(spec);
        return true;
    }

    /// <summary>Returns the model's file, generating it first if it is not in the cache yet.</summary>
    public string GetOrCreate(SyntheticModelSpec spec)
    {
        var path = PathFor(spec);
        if (File.Exists(path))
        {
            return path;
        }

        // One generation per cache instance at a time: a second caller for the same model then finds the file.
        lock (_gate)
        {
            if (!File.Exists(path))
            {
                Create(spec, path);
            }
        }

        return path;
    }

    private void Create(SyntheticModelSpec spec, string path)
    {
        Directory.CreateDirectory(Folder);
        var temporary = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        try
        {
            _writer.Write(spec, temporary);
            File.Move(temporary, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another process renamed its identical copy into place first.
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
