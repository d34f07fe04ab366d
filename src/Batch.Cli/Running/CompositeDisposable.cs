namespace Batch.Cli.Running;

/// <summary>Disposes a list of resources together.</summary>
public sealed class CompositeDisposable(IEnumerable<IDisposable> items) : IDisposable
{
    public void Dispose()
    {
        foreach (var item in items) item.Dispose();
    }
}
