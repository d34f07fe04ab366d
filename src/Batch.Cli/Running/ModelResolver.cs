using Batch.Llama.Synthetic;

namespace Batch.Cli.Running;

/// <summary>Turns a job's model reference into a GGUF path: a synthetic preset (generated once, cached) or a file.</summary>
public sealed class ModelResolver(string cacheDirectory)
{
    private readonly SyntheticModelCache _cache = new(cacheDirectory, new SyntheticModelWriter(Environment.ProcessorCount));

    /// <summary>$BATCH_CACHE_DIR, else $XDG_CACHE_HOME/batch, else ~/.cache/batch.</summary>
    public static string DefaultCacheDirectory() => SyntheticModelCache.DefaultFolder(
        Environment.GetEnvironmentVariable("BATCH_CACHE_DIR"),
        Environment.GetEnvironmentVariable("XDG_CACHE_HOME"),
        Environment.GetFolderPath(Environment.SpecialFolder.UserProfile));

    public SyntheticModelCache Cache => _cache;

    public bool TryResolve(string reference, string baseDirectory, TextWriter log, out string? path, out string? error)
    {
        if (!SyntheticModelSpec.IsSyntheticReference(reference))
        {
            path = Path.GetFullPath(reference, baseDirectory);
            error = null;
            return true;
        }
        if (!SyntheticModelSpec.TryParse(reference, out var spec, out error))
        {
            path = null;
            return false;
        }
        var target = _cache.PathFor(spec);
        if (!File.Exists(target)) log.WriteLine($"generating {reference} into {target} (first use)");
        path = _cache.GetOrCreate(spec);
        return true;
    }
}
