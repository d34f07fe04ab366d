namespace Batch.Testing.Builders;

/// <summary>
/// A decoder factory for restart tests: each call makes a fresh <see cref="ScriptedDecoder"/> (the n-th, 0-based, from
/// <c>create(n)</c>, which may throw to play a decoder that cannot be loaded) and keeps it, so a test can see what
/// every incarnation of a worker decoded. Thread-safe.
/// </summary>
public sealed class ScriptedDecoderFactory(Func<int, ScriptedDecoder> create)
{
    private readonly List<ScriptedDecoder> _created = [];
    private readonly Lock _gate = new();
    private int _calls;

    /// <summary>Fresh echo decoders (see <see cref="Scripts.Text(Func{ScriptStep, string})"/>), the n-th throwing on the decode call <paramref name="throwOnCall"/> gives for n (null: never).</summary>
    public static ScriptedDecoderFactory Echo(Func<int, int?>? throwOnCall = null) =>
        new(n => new ScriptedDecoder(Scripts.Text(s => $"out{s.Prompt.Count}")) { ThrowOnCall = throwOnCall?.Invoke(n) });

    public ScriptedDecoder Create()
    {
        int n;
        lock (_gate) n = _calls++;
        var decoder = create(n);
        lock (_gate) _created.Add(decoder);
        return decoder;
    }

    /// <summary>Times <see cref="Create"/> was called, including the calls that threw.</summary>
    public int CallCount { get { lock (_gate) return _calls; } }

    /// <summary>The decoders made so far, in order.</summary>
    public IReadOnlyList<ScriptedDecoder> Created { get { lock (_gate) return _created.ToArray(); } }
}
