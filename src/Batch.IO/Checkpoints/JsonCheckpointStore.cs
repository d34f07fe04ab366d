using System.Text.Json;
using Batch.Core.Checkpointing;

namespace Batch.IO.Checkpoints;

/// <summary>The checkpoint as a small JSON file, replaced atomically: temp file, fsync, rename.</summary>
public sealed class JsonCheckpointStore(string path) : ICheckpointStore
{
    private static readonly JsonSerializerOptions Options = new() { WriteIndented = true };

    public string Path { get; } = path;

    public bool TryLoad(out Checkpoint? checkpoint, out string? error)
    {
        checkpoint = null;
        error = null;
        if (!File.Exists(Path)) return true;
        try
        {
            var file = JsonSerializer.Deserialize<CheckpointFile>(File.ReadAllBytes(Path), Options);
            if (file is null || file.Version != Checkpoint.FormatVersion || file.Checkpoint is null)
            {
                error = $"checkpoint '{Path}' has an unknown format; run again with --restart to start over";
                return false;
            }
            checkpoint = file.Checkpoint;
            return true;
        }
        catch (JsonException e)
        {
            error = $"checkpoint '{Path}' is unreadable ({e.Message}); run again with --restart to start over";
            return false;
        }
    }

    public async Task SaveAsync(Checkpoint checkpoint, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path))!);
        var temp = Path + ".tmp";
        await using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 4096, useAsync: true))
        {
            await JsonSerializer.SerializeAsync(stream, new CheckpointFile(Checkpoint.FormatVersion, checkpoint), Options, cancellationToken);
            await stream.FlushAsync(cancellationToken);
            stream.Flush(flushToDisk: true);
        }
        // rename(2) replaces the old checkpoint atomically: a crash leaves the old one or the new one.
        File.Move(temp, Path, overwrite: true);
    }

    public void Delete()
    {
        // File.Delete ignores a missing file but not a missing folder (a first run with --restart).
        if (!Directory.Exists(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path)))) return;
        File.Delete(Path);
        File.Delete(Path + ".tmp");
    }

    private sealed record CheckpointFile(int Version, Checkpoint? Checkpoint);
}
