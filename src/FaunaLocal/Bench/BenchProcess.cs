using System.Text.RegularExpressions;

namespace FaunaLocal.Bench;

/// <summary>
/// A process of this same build for the benchmark: a FaunaLocal server, or a set of stream clients. Kept
/// apart so that clients and server neither share a heap nor blur each other's memory figures.
/// </summary>
public sealed partial class BenchProcess : IAsyncDisposable
{
    private readonly Process _process;

    private readonly bool _stopsWhenInputCloses;

    private BenchProcess(Process process, Uri url, bool stopsWhenInputCloses = false)
    {
        _process = process;
        Url = url;
        _stopsWhenInputCloses = stopsWhenInputCloses;
    }

    public Uri Url { get; }

    [GeneratedRegex(@"listening on (http://[^\s/]+)")]
    private static partial Regex Listening();

    public static async Task<BenchProcess> StartAsync(params string[] options)
    {
        var process = Launch(["--port", "0", "--in-memory", .. options]);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            if (Listening().Match(line) is { Success: true } m) return new BenchProcess(process, new Uri(m.Groups[1].Value));
        }
        throw new InvalidOperationException("FaunaLocal stopped before listening");
    }

    /// <summary>A process of this build that opens stream clients against a server (`bench stream-clients`).</summary>
    public static Task<BenchProcess> StartClientsAsync(Uri url, string token, int count) =>
        Task.FromResult(new BenchProcess(Launch(["bench", "stream-clients", url.ToString(), token, count.ToString(System.Globalization.CultureInfo.InvariantCulture)]), url, stopsWhenInputCloses: true));

    /// <summary>Waits until the process prints the line.</summary>
    public async Task WaitForLineAsync(string expected)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        while (await _process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            if (line == expected) return;
        throw new InvalidOperationException($"The process ended before saying `{expected}`");
    }

    private static Process Launch(IEnumerable<string> args)
    {
        var info = new ProcessStartInfo(Environment.ProcessPath ?? "dotnet") { RedirectStandardOutput = true, RedirectStandardInput = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(info.FileName) == "dotnet") info.ArgumentList.Add(typeof(BenchProcess).Assembly.Location);
        foreach (var a in args) info.ArgumentList.Add(a);
        return Process.Start(info) ?? throw new InvalidOperationException("Could not start FaunaLocal");
    }

    /// <summary>The server's resident memory right now.</summary>
    public long ResidentBytes
    {
        get
        {
            _process.Refresh();
            return _process.WorkingSet64;
        }
    }

    public async ValueTask DisposeAsync()
    {
        _process.StandardInput.Close();
        if (!_stopsWhenInputCloses || !_process.WaitForExit(TimeSpan.FromSeconds(10))) _process.Kill();
        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}
