using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Dashboard.Testing;
using Microsoft.Diagnostics.NETCore.Client;

namespace Dashboard.Circuits.Bench;

/// <summary>
/// The dashboard as one instance: the Release build on a free port, Development accounts, only the sandbox tenant
/// prepared (the others' backends are not started), its data in a temporary folder. Gives the process's managed
/// heap after a full GC (asked for through EventPipe, as dotnet-gcdump does) and its CPU time.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _data;
    private readonly string _token;
    private readonly StringBuilder _log = new();

    public Uri Url { get; }

    public int ProcessId => _process.Id;

    private AppProcess(Process process, Uri url, string data, string token)
    {
        (_process, Url, _data, _token) = (process, url, data, token);
    }

    public static async Task<AppProcess> StartAsync(string dll, string contentRoot)
    {
        var data = Directory.CreateTempSubdirectory("dashboard-circuits-").FullName;
        var url = new Uri($"http://127.0.0.1:{FreePort.Next()}");
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = contentRoot, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { dll, "--urls", url.ToString(), "--environment", "Development", "--contentRoot", contentRoot }) start.ArgumentList.Add(a);
        var token = Guid.NewGuid().ToString("N");
        var settings = new Dictionary<string, string>
        {
            ["Tenants:sandbox:Settings:ConnectionString"] = $"Data Source={Path.Combine(data, "sandbox.db")}",
            ["AppStore:ConnectionString"] = $"Data Source={Path.Combine(data, "dashboard.db")}",
            ["Auth:SignInRateLimit:PerAddress:PermitLimit"] = "100000",
            ["Auth:SignInRateLimit:PerAccount:PermitLimit"] = "100000",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Dashboard.Core.Tenants.TenantStartupService"] = "Information",
        };
        // Only the sandbox is prepared: the other tenants' servers are not part of this benchmark.
        foreach (var tenant in new[] { "acme", "globex", "initech" })
        {
            settings[$"Tenants:{tenant}:Settings:CreateSchema"] = "false";
            settings[$"Tenants:{tenant}:Settings:SeedDemoData"] = "false";
        }
        foreach (var (k, v) in settings) start.ArgumentList.Add($"--{k}={v}");
        start.Environment["Auth__Metrics__ScrapeToken"] = token;
        var process = Process.Start(start) ?? throw new InvalidOperationException("the app did not start");
        var app = new AppProcess(process, url, data, token);
        process.OutputDataReceived += (_, e) => { lock (app._log) app._log.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (app._log) app._log.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (!app.Log.Contains("Loaded demo data into tenant sandbox"))
        {
            if (process.HasExited || DateTime.UtcNow > deadline) throw new InvalidOperationException("The app did not load the sandbox:\n" + app.Log);
            await Task.Delay(250);
        }
        return app;
    }

    public string Log
    {
        get { lock (_log) return _log.ToString(); }
    }

    /// <summary>Process CPU time (user + system) so far.</summary>
    public TimeSpan CpuTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    /// <summary>
    /// The managed heap after a full blocking GC: the runtime is asked for one through EventPipe (GCHeapCollect),
    /// then .NET's own meter at /metrics reports what that GC left, all generations: the heap's size, and of it the
    /// free space between live objects (fragmentation), so that live = size − fragmentation.
    /// </summary>
    public async Task<HeapReading> HeapAfterFullGcAsync()
    {
        var client = new DiagnosticsClient(_process.Id);
        const long gcHeapCollect = 0x800000;
        using (var session = client.StartEventPipeSession(
            [new EventPipeProvider("Microsoft-Windows-DotNETRuntime", System.Diagnostics.Tracing.EventLevel.Informational, gcHeapCollect)],
            requestRundown: false))
        {
            var drain = Task.Run(() => session.EventStream.CopyTo(Stream.Null));
            await Task.Delay(1500);
            session.Stop();
            await drain;
        }
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(Url, "/metrics"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _token);
        var lines = (await (await http.SendAsync(request)).Content.ReadAsStringAsync()).Split('\n');
        long Sum(string metric) => lines
            .Where(l => l.StartsWith(metric + "{", StringComparison.Ordinal))
            .Sum(l => long.Parse(l[(l.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture));
        return new HeapReading(Sum("dotnet_gc_last_collection_heap_size_bytes"), Sum("dotnet_gc_last_collection_heap_fragmentation_size_bytes"));
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        try { Directory.Delete(_data, recursive: true); } catch (IOException) { }
    }
}

/// <summary>What a full GC left: the heap's size and the free space inside it.</summary>
public readonly record struct HeapReading(long Size, long Fragmentation)
{
    public long Live => Size - Fragmentation;
}
