using System.Diagnostics;
using Dashboard.Testing;

namespace Dashboard.Resilience.Bench;

/// <summary>A backend server run as its own process on a fixed port, so it can be killed and started again there.</summary>
public abstract class BackendProcess : IAsyncDisposable
{
    private Process? _process;

    protected BackendProcess(string name) => DataDirectory = Path.Combine(Path.GetTempPath(), $"recovery-{name}-{Guid.NewGuid():N}"[..36]);

    public int Port { get; } = FreePort.Next();

    protected string DataDirectory { get; }

    /// <summary>The tenant's provider kind and settings, as appsettings.json would give them.</summary>
    public abstract (string Provider, IReadOnlyDictionary<string, string> Settings) Tenant { get; }

    protected abstract ProcessStartInfo StartInfo();

    /// <summary>True when the server answers a fresh connection now (no pool, no retry).</summary>
    public abstract Task<bool> AnswersAsync(CancellationToken ct);

    public virtual Task PrepareAsync(CancellationToken ct) => Task.CompletedTask;

    /// <summary>Starts the server and returns at once (the caller times when it answers).</summary>
    public void Start()
    {
        var info = StartInfo();
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        _process = Process.Start(info) ?? throw new InvalidOperationException($"{info.FileName} did not start");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>SIGKILL, as a crash or an OOM kill would: no goodbye to open connections.</summary>
    public async Task KillAsync()
    {
        if (_process is null) return;
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
        _process = null;
    }

    public async Task WaitUntilAnswersAsync(TimeSpan limit, CancellationToken ct)
    {
        var waited = Stopwatch.StartNew();
        while (!await AnswersAsync(ct))
        {
            if (waited.Elapsed > limit) throw new TimeoutException($"{GetType().Name} did not answer within {limit}");
            await Task.Delay(20, ct);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        try { Directory.Delete(DataDirectory, recursive: true); } catch (IOException) { }
        GC.SuppressFinalize(this);
    }

    protected static string Find(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Concat(["/usr/sbin", "/usr/bin"])
            .Select(d => Path.Combine(d, tool)).FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException($"{tool} is not installed (run.sh installs mariadb-server).");
}
