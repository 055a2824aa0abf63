using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dashboard.Testing;

namespace Dashboard.Cluster.E2E.Infrastructure;

/// <summary>
/// The cluster as <c>scripts/cluster.sh up --no-build</c> starts it — every part on a free port, its data in a
/// temporary stack folder — so the suite runs beside a developer's own stack. Disposing runs <c>down</c> and
/// removes the folder. Tests reach nginx (https), each instance directly (http, for "the other instance"),
/// Prometheus, and the DynamoDB throttle proxy in front of acme.
/// </summary>
public sealed class LocalCluster : IAsyncLifetime
{
    private readonly string _stack = Directory.CreateTempSubdirectory("dashboard-cluster-").FullName;
    private readonly Dictionary<string, string> _environment = [];

    public int HttpsPort { get; private set; }
    public int HttpPort { get; private set; }
    public int[] InstancePorts { get; private set; } = [];
    public int PrometheusPort { get; private set; }
    public int ThrottleProxyPort { get; private set; }
    public int FaunaPort { get; private set; }

    public Uri BaseUrl => new($"https://127.0.0.1:{HttpsPort}");
    public Uri PrometheusUrl => new($"http://127.0.0.1:{PrometheusPort}");
    public Uri ThrottleProxyUrl => new($"http://127.0.0.1:{ThrottleProxyPort}");
    public Uri FaunaLocalUrl => new($"http://127.0.0.1:{FaunaPort}");
    public Uri InstanceUrl(int n) => new($"http://127.0.0.1:{InstancePorts[n - 1]}");
    public static string InstanceName(int n) => $"dashboard-{n}";

    public string StackFolder => _stack;
    public string NginxAccessLog => Path.Combine(_stack, "cluster", "nginx", "access.log");

    public async ValueTask InitializeAsync()
    {
        var dll = Path.Combine(RepositoryRoot.Path, "src", "Dashboard", "bin", "Release", "net10.0", "Dashboard.dll");
        if (!File.Exists(dll)) throw new InvalidOperationException($"Build the solution in Release first: {dll} is missing.");
        var ports = new HashSet<int>();
        while (ports.Count < 9) ports.Add(FreePort.Next());
        var p = ports.ToArray();
        (HttpsPort, HttpPort, PrometheusPort, ThrottleProxyPort) = (p[0], p[1], p[2], p[3]);
        InstancePorts = [p[4], p[5]];
        _environment["DASHBOARD_STACK_DIR"] = _stack;
        _environment["CLUSTER_HTTPS_PORT"] = $"{HttpsPort}";
        _environment["CLUSTER_HTTP_PORT"] = $"{HttpPort}";
        _environment["CLUSTER_APP_PORTS"] = $"{p[4]} {p[5]}";
        _environment["PROMETHEUS_PORT"] = $"{PrometheusPort}";
        _environment["DYNAMODB_THROTTLE_PORT"] = $"{ThrottleProxyPort}";
        _environment["DYNAMODB_PORT"] = $"{p[6]}";
        _environment["MARIADB_PORT"] = $"{p[7]}";
        FaunaPort = p[8];
        _environment["FAUNA_PORT"] = $"{FaunaPort}";
        // The suite starts from nothing: DynamoDB Local in memory loads the demo data about 9× faster.
        _environment["DYNAMODB_IN_MEMORY"] = "1";
        // One health pass at start, then none while the suite runs: every ping is a metered call (DynamoDB's a read
        // unit), and the fleet-figure checks compare totals taken a scrape apart, so a ping in between would move one.
        _environment["TenantHealth__Interval"] = "01:00:00";
        try
        {
            await ClusterScript.RunAsync(_environment, TimeSpan.FromMinutes(4), "up", "--no-build");
            await WaitForDemoDataAsync(["sandbox", "acme"], TimeSpan.FromMinutes(2));
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    /// <summary>Instance 1 prepares the tenants in the background and says so in its log when each is loaded.</summary>
    public async Task WaitForDemoDataAsync(IEnumerable<string> tenants, TimeSpan within)
    {
        var log = Path.Combine(_stack, "cluster", InstanceName(1), "app.log");
        var deadline = DateTime.UtcNow + within;
        foreach (var tenant in tenants)
            while (!File.Exists(log) || !(await File.ReadAllTextAsync(log)).Contains($"Loaded demo data into tenant {tenant}"))
            {
                if (DateTime.UtcNow > deadline) throw new TimeoutException($"Tenant {tenant} got no demo data within {within.TotalSeconds:0} s:\n{Tail(log)}");
                await Task.Delay(250);
            }
    }

    public Task<string> RunAsync(params string[] args) => ClusterScript.RunAsync(_environment, TimeSpan.FromMinutes(3), args);

    /// <summary>Which instance nginx sent the latest request carrying this affinity cookie to (from its access log).</summary>
    public int InstanceServing(string affinity)
    {
        var line = File.ReadLines(NginxAccessLog).Last(l => l.Contains($"affinity={affinity}") && l.Contains("upstream=127.0.0.1:"));
        var upstream = line[(line.LastIndexOf("upstream=127.0.0.1:", StringComparison.Ordinal) + "upstream=127.0.0.1:".Length)..].Split(' ', ',')[0];
        return Array.IndexOf(InstancePorts, int.Parse(upstream)) + 1;
    }

    /// <summary>Runs PromQL on the cluster's Prometheus, now or at <paramref name="at"/>: each series' labels and value.</summary>
    public async Task<List<(Dictionary<string, string> Labels, double Value)>> QueryAsync(string promQl, DateTimeOffset? at = null)
    {
        using var http = new HttpClient();
        List<KeyValuePair<string, string>> form = [new("query", promQl)];
        if (at is { } time)
            form.Add(new("time", (time.ToUnixTimeMilliseconds() / 1000.0).ToString("0.###", System.Globalization.CultureInfo.InvariantCulture)));
        using var answer = await http.PostAsync(new Uri(PrometheusUrl, "/api/v1/query"), new FormUrlEncodedContent(form));
        using var json = JsonDocument.Parse(await answer.Content.ReadAsStringAsync());
        Assert.True(json.RootElement.GetProperty("status").GetString() == "success", json.RootElement.ToString());
        return json.RootElement.GetProperty("data").GetProperty("result").EnumerateArray()
            .Select(r => (r.GetProperty("metric").EnumerateObject().ToDictionary(m => m.Name, m => m.Value.GetString()!),
                double.Parse(r.GetProperty("value")[1].GetString()!, System.Globalization.CultureInfo.InvariantCulture)))
            .ToList();
    }

    /// <summary>Waits until Prometheus has scraped every instance after now (twice, so counters are settled).</summary>
    public async Task WaitForScrapesAsync()
    {
        var since = DateTimeOffset.UtcNow;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            var last = await QueryAsync("timestamp(up{job=\"dashboard\"})");
            if (last.Count == InstancePorts.Length && last.All(s => s.Value > since.AddSeconds(5).ToUnixTimeMilliseconds() / 1000.0)) return;
            await Task.Delay(500);
        }
        throw new TimeoutException("Prometheus did not scrape every instance within 30 s.");
    }

    /// <summary>Runs the load tool's mix inside instance <paramref name="n"/> (its loopback-only /ops/load).</summary>
    public async Task<JsonElement> LoadAsync(int n, string tenant, int rps, int seconds)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(seconds + 60) };
        using var answer = await http.PostAsync(new Uri(InstanceUrl(n), $"/ops/load?tenant={tenant}&rps={rps}&seconds={seconds}"), null);
        var body = await answer.Content.ReadAsStringAsync();
        Assert.True(answer.StatusCode == HttpStatusCode.OK, body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>
    /// DynamoDB (through the throttle proxy) refuses <paramref name="share"/> of the item calls while both instances run
    /// the load tool's mix on <paramref name="tenant"/> (10 calls/s for 2 s each); the switch is off again afterwards.
    /// </summary>
    public async Task ThrottledLoadOnBothAsync(string tenant, double share)
    {
        using var http = new HttpClient();
        var throttle = new Uri(ThrottleProxyUrl, "/__throttle");
        (await http.PostAsync(new Uri(throttle, $"?share={share.ToString(CultureInfo.InvariantCulture)}"), null)).EnsureSuccessStatusCode();
        try
        {
            await Task.WhenAll(LoadAsync(1, tenant, rps: 10, seconds: 2), LoadAsync(2, tenant, rps: 10, seconds: 2));
        }
        finally
        {
            (await http.PostAsync(new Uri(throttle, "?share=0"), null)).EnsureSuccessStatusCode();
        }
    }

    /// <summary>
    /// The tenant's calls, on every instance, that ended in an error or unavailability: the only ones whose answer
    /// may have reached the socket after the dashboard gave up on it (a health ping at its 3 s deadline on a loaded
    /// machine), so that DynamoDB billed or the proxy throttled it while the dashboard never read it.
    /// </summary>
    public async Task<double> AbandonedCallsAsync(string tenant) =>
        (await QueryAsync(
            $"sum(dashboard_store_operations_total{{job=\"dashboard\",dashboard_tenant=\"{tenant}\",dashboard_outcome=~\"error|unavailable\"}})"))
        .Sum(s => s.Value);

    /// <summary>How many calls the throttle proxy has throttled since it started.</summary>
    public async Task<long> ProxyThrottledAsync()
    {
        using var http = new HttpClient();
        return (await http.GetFromJsonAsync<JsonElement>(new Uri(ThrottleProxyUrl, "/__throttle"))).GetProperty("throttled").GetInt64();
    }

    private static string Tail(string file) => File.Exists(file) ? string.Join('\n', File.ReadLines(file).TakeLast(30)) : "(no log)";

    public async ValueTask DisposeAsync()
    {
        try
        {
            await ClusterScript.RunAsync(_environment, TimeSpan.FromMinutes(2), "down");
        }
        finally
        {
            try
            {
                Directory.Delete(_stack, recursive: true);
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }
}

[CollectionDefinition(Name)]
public sealed class LocalClusterCollection : ICollectionFixture<LocalCluster>
{
    public const string Name = "local cluster";
}
