using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dashboard.Testing;

namespace Dashboard.Tenants.Bench;

/// <summary>
/// The dashboard with <c>count</c> generated SQLite sandbox tenants ("t0000" …), no demo data, started from the
/// Release build on a free port with a generated content root (the repository's settings with the tenants
/// replaced), Development accounts, its data in a temporary folder. The health prober makes one fast pass and is
/// then quiet for an hour, so the calls counted around /healthz requests are theirs alone.
/// </summary>
public sealed class TenantsApp : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _root;
    private readonly string _token;
    private readonly StringBuilder _log = new();
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromMinutes(2) };

    public Uri Url { get; }
    public int Tenants { get; }

    /// <summary>From process start to the first /healthz answer.</summary>
    public TimeSpan StartTime { get; private set; }

    private TenantsApp(Process process, Uri url, string root, string token, int tenants)
    {
        (_process, Url, _root, _token, Tenants) = (process, url, root, token, tenants);
    }

    public static string TenantId(int i, int count) => "t" + i.ToString(new string('0', Math.Max(4, (count - 1).ToString(CultureInfo.InvariantCulture).Length)), CultureInfo.InvariantCulture);

    public static async Task<TenantsApp> StartAsync(string dll, string repoRoot, int count)
    {
        var root = Directory.CreateTempSubdirectory("dashboard-tenants-").FullName;
        var data = Path.Combine(root, ".data");
        Directory.CreateDirectory(data);
        WriteSettings(repoRoot, root, data, count);
        Directory.CreateSymbolicLink(Path.Combine(root, "wwwroot"), Path.Combine(repoRoot, "wwwroot"));

        var url = new Uri($"http://127.0.0.1:{FreePort.Next()}");
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = root, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { dll, "--urls", url.ToString(), "--environment", "Development", "--contentRoot", root }) start.ArgumentList.Add(a);
        var token = Guid.NewGuid().ToString("N");
        start.Environment["Auth__Metrics__ScrapeToken"] = token;
        var clock = Stopwatch.StartNew();
        var process = Process.Start(start) ?? throw new InvalidOperationException("the app did not start");
        var app = new TenantsApp(process, url, root, token, count);
        process.OutputDataReceived += (_, e) => { lock (app._log) app._log.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (app._log) app._log.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow.AddMinutes(5);
        while (true)
        {
            if (process.HasExited || DateTime.UtcNow > deadline) throw new InvalidOperationException("The app did not answer /healthz:\n" + app.Log);
            try
            {
                using var r = await app._http.GetAsync(new Uri(url, "/healthz"));
                if (r.IsSuccessStatusCode) break;
            }
            catch (HttpRequestException) { }
            await Task.Delay(50);
        }
        app.StartTime = clock.Elapsed;
        return app;
    }

    /// <summary>The repository's appsettings with generated tenants, the data in <paramref name="data"/>, and a prober that makes one quick pass.</summary>
    private static void WriteSettings(string repoRoot, string root, string data, int count)
    {
        var settings = JsonNode.Parse(File.ReadAllText(Path.Combine(repoRoot, "appsettings.json")))!.AsObject();
        var tenants = new JsonObject();
        for (var i = 0; i < count; i++)
        {
            var id = TenantId(i, count);
            tenants[id] = new JsonObject
            {
                ["Provider"] = "Sqlite",
                ["DisplayName"] = $"Tenant {id}",
                ["Settings"] = new JsonObject
                {
                    ["ConnectionString"] = $"Data Source={Path.Combine(data, id + ".db")}",
                    ["CreateSchema"] = "true",
                    ["SeedDemoData"] = "false",
                },
            };
        }
        settings["Tenants"] = tenants;
        settings["AppStore"]!["ConnectionString"] = $"Data Source={Path.Combine(data, "dashboard.db")}";
        settings["Logging"]!["LogLevel"]!["Default"] = "Warning";
        settings["Auth"]!["SignInRateLimit"] = JsonNode.Parse("""{ "PerAddress": { "PermitLimit": 100000, "Window": "00:01:00" }, "PerAccount": { "PermitLimit": 100000, "Window": "00:01:00" } }""");
        settings["TenantHealth"] = JsonNode.Parse("""{ "Interval": "01:00:00", "MaxProbesPerSecond": 2000, "FirstRetry": "01:00:00", "MaxBackoff": "01:00:00" }""");
        File.WriteAllText(Path.Combine(root, "appsettings.json"), settings.ToJsonString());

        var development = JsonNode.Parse(File.ReadAllText(Path.Combine(repoRoot, "appsettings.Development.json")))!.AsObject();
        development.Remove("Tenants");
        File.WriteAllText(Path.Combine(root, "appsettings.Development.json"), development.ToJsonString());
    }

    public string Log
    {
        get { lock (_log) return _log.ToString(); }
    }

    /// <summary>Resident set size of the app's process (VmRSS).</summary>
    public long RssBytes
    {
        get
        {
            var line = File.ReadLines($"/proc/{_process.Id}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
        }
    }

    /// <summary>Anonymous /healthz: the tenants' counts.</summary>
    public async Task<JsonElement> HealthAsync()
    {
        using var json = JsonDocument.Parse(await _http.GetStringAsync(new Uri(Url, "/healthz")));
        return json.RootElement.GetProperty("tenants").Clone();
    }

    /// <summary>Waits until the prober has checked every tenant once; returns how long that took from now.</summary>
    public Task<TimeSpan> FirstProbePassAsync() =>
        UntilNoneAsync("notChecked", TimeSpan.FromMinutes(10), "the prober did not check every tenant");

    /// <summary>Waits until /healthz counts no tenant still being prepared (schemas created after start); returns how long from now.</summary>
    public Task<TimeSpan> PreparedAsync() =>
        UntilNoneAsync("preparing", TimeSpan.FromMinutes(20), "the tenants were not prepared");

    /// <summary>Polls the anonymous /healthz until its tenant count <paramref name="count"/> is 0; returns how long that took.</summary>
    private async Task<TimeSpan> UntilNoneAsync(string count, TimeSpan limit, string failure)
    {
        var clock = Stopwatch.StartNew();
        while ((await HealthAsync()).GetProperty(count).GetInt32() > 0)
        {
            if (clock.Elapsed > limit) throw new TimeoutException($"{failure} within {limit.TotalMinutes:0} min");
            await Task.Delay(200);
        }
        return clock.Elapsed;
    }

    public async Task<string[]> MetricsLinesAsync()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(Url, "/metrics"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _token);
        using var response = await _http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadAsStringAsync()).Split('\n');
    }

    /// <summary>Series in /metrics: its sample lines (not comments).</summary>
    public static int Series(string[] lines) => lines.Count(l => l.Length > 0 && l[0] != '#');

    /// <summary>Series per metric name, most first, and how many of them carry a tenant.</summary>
    public static List<(string Metric, int Series, int WithTenant)> SeriesByMetric(string[] lines) => lines
        .Where(l => l.Length > 0 && l[0] != '#')
        .GroupBy(l => l[..l.IndexOfAny(['{', ' '])])
        .Select(g => (g.Key, g.Count(), g.Count(l => l.Contains("dashboard_tenant=", StringComparison.Ordinal))))
        .OrderByDescending(g => g.Item2).ToList();

    /// <summary>
    /// Store calls counted so far (the duration histogram's count, every provider and outcome), only those of
    /// <paramref name="operation"/> ("ping") or of every other operation.
    /// </summary>
    public static double StoreCalls(string[] lines, string operation, bool only) => lines
        .Where(l => l.StartsWith("db_client_operation_duration_seconds_count{", StringComparison.Ordinal)
            && l.Contains($"db_operation_name=\"{operation}\"", StringComparison.Ordinal) == only)
        .Sum(l => double.Parse(l[(l.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture));

    public async Task<(double Ms, int Status)> TimedGetAsync(string path, string? cookie = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(Url, path));
        if (cookie is not null) request.Headers.Add("Cookie", cookie);
        var clock = Stopwatch.StartNew();
        using var response = await _http.SendAsync(request);
        await response.Content.ReadAsByteArrayAsync();
        return (clock.Elapsed.TotalMilliseconds, (int)response.StatusCode);
    }

    /// <summary>
    /// A page's prerendered HTML as the server sends it to a signed-in browser (bytes, uncompressed), and how long
    /// the server took to send all of it (the prerender's share of time to interactive).
    /// </summary>
    public async Task<(long Bytes, double Ms)> HtmlBytesAsync(string path, string cookie)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(Url, path));
        request.Headers.Add("Cookie", cookie);
        var clock = Stopwatch.StartNew();
        using var response = await _http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        var bytes = (await response.Content.ReadAsByteArrayAsync()).LongLength;
        return (bytes, clock.Elapsed.TotalMilliseconds);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        _http.Dispose();
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
    }
}
