using System.Diagnostics;

namespace Batch.Core.Tests.Scheduling;

/// <summary>
/// Turns a failed <see cref="Debug.Assert(bool)"/> (the pool's and scheduler's debug invariant
/// checks) into an exception the test reports, instead of a crash of the test host.
/// </summary>
public sealed class ThrowingTraceListener : TraceListener
{
    private static readonly Lock Gate = new();

    public static void Install()
    {
        lock (Gate)
        {
            if (Trace.Listeners.OfType<ThrowingTraceListener>().Any()) return;
            Trace.Listeners.Clear();
            Trace.Listeners.Add(new ThrowingTraceListener());
        }
    }

    public override void Fail(string? message, string? detailMessage) =>
        throw new InvalidOperationException($"Debug.Assert failed: {message} {detailMessage}");

    public override void Write(string? message) { }

    public override void WriteLine(string? message) { }
}
