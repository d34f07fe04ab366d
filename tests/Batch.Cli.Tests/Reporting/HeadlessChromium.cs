using System.Diagnostics;

namespace Batch.Cli.Tests.Reporting;

/// <summary>
/// Debian's chromium, installed on first use (CI starts from a clean machine with apt but no browser), and
/// a way to load a page in it headless and get the DOM it rendered plus everything it logged.
/// </summary>
internal static class HeadlessChromium
{
    private const string Binary = "/usr/bin/chromium";
    private static readonly SemaphoreSlim Installing = new(1, 1);

    public static async Task<(string Dom, string Log)> LoadAsync(string htmlFile, CancellationToken cancellationToken)
    {
        await EnsureInstalledAsync(cancellationToken);
        var result = await RunAsync(Binary,
            ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--enable-logging=stderr", "--v=0",
             "--virtual-time-budget=3000", "--dump-dom", new Uri(htmlFile).AbsoluteUri],
            TimeSpan.FromMinutes(2), cancellationToken);
        if (result.ExitCode != 0) throw new InvalidOperationException($"chromium exited {result.ExitCode}: {result.Stderr}");
        return (result.Stdout, result.Stderr);
    }

    private static async Task EnsureInstalledAsync(CancellationToken cancellationToken)
    {
        await Installing.WaitAsync(cancellationToken);
        try
        {
            if (File.Exists(Binary)) return;
            var update = await RunAsync("apt-get", ["update", "-q"], TimeSpan.FromMinutes(5), cancellationToken);
            var install = await RunAsync("apt-get", ["install", "-y", "-q", "--no-install-recommends", "chromium"], TimeSpan.FromMinutes(10), cancellationToken);
            if (!File.Exists(Binary))
                throw new InvalidOperationException($"could not install Debian's chromium for the report test:\n{update.Stderr}\n{install.Stdout}\n{install.Stderr}");
        }
        finally
        {
            Installing.Release();
        }
    }

    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(
        string file, IEnumerable<string> arguments, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in arguments) start.ArgumentList.Add(a);
        start.Environment["DEBIAN_FRONTEND"] = "noninteractive";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} did not finish in {timeout}");
        }
        return (process.ExitCode, await stdout, await stderr);
    }
}
