using System.Net.Http.Json;
using System.Text.Json;

namespace Dashboard.Operations.Prometheus;

/// <summary>
/// Prometheus's HTTP API (<c>/api/v1/query</c>, <c>/api/v1/query_range</c>), queries sent as form posts. Every
/// failure — refused connection, timeout, an error status, an answer that is not Prometheus's — becomes a
/// <see cref="PrometheusUnavailableException"/> whose message says so plainly.
/// </summary>
public sealed class PrometheusClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly Uri _base;

    public PrometheusClient(IOptions<MetricsOptions> options)
    {
        var p = options.Value.Prometheus;
        _base = Uri.TryCreate(p.Url, UriKind.Absolute, out var url) ? url : new Uri("http://127.0.0.1:9090");
        _http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2), ConnectTimeout = p.Timeout })
        {
            Timeout = p.Timeout,
        };
    }

    public Uri BaseUrl => _base;

    public async Task<IReadOnlyList<PromSample>> InstantAsync(string query, DateTimeOffset at, CancellationToken ct)
    {
        var data = await PostAsync("api/v1/query", [new("query", query), new("time", Unix(at))], ct);
        var samples = new List<PromSample>();
        if (data.GetProperty("resultType").GetString() == "scalar")
        {
            samples.Add(new PromSample(new Dictionary<string, string>(), Number(data.GetProperty("result")[1])));
            return samples;
        }
        foreach (var r in data.GetProperty("result").EnumerateArray())
            samples.Add(new PromSample(LabelsOf(r), Number(r.GetProperty("value")[1])));
        return samples;
    }

    public async Task<IReadOnlyList<PromSeries>> RangeAsync(string query, DateTimeOffset start, DateTimeOffset end, TimeSpan step, CancellationToken ct)
    {
        var data = await PostAsync("api/v1/query_range",
            [new("query", query), new("start", Unix(start)), new("end", Unix(end)), new("step", step.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture))], ct);
        var series = new List<PromSeries>();
        foreach (var r in data.GetProperty("result").EnumerateArray())
        {
            var points = r.GetProperty("values").EnumerateArray()
                .Select(v => (DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(v[0].GetDouble() * 1000)), Number(v[1])))
                .ToList();
            series.Add(new PromSeries(LabelsOf(r), points));
        }
        return series;
    }

    private async Task<JsonElement> PostAsync(string path, KeyValuePair<string, string>[] form, CancellationToken ct)
    {
        HttpResponseMessage response;
        try
        {
            response = await _http.PostAsync(new Uri(_base, path), new FormUrlEncodedContent(form), ct);
        }
        catch (HttpRequestException e)
        {
            throw new PrometheusUnavailableException($"Prometheus at {_base} did not answer ({e.HttpRequestError switch
            {
                HttpRequestError.ConnectionError => "connection refused or reset",
                HttpRequestError.NameResolutionError => "its name does not resolve",
                _ => e.Message,
            }}).", e);
        }
        catch (TaskCanceledException e) when (!ct.IsCancellationRequested)
        {
            throw new PrometheusUnavailableException($"Prometheus at {_base} did not answer within {_http.Timeout.TotalSeconds:0.#} s.", e);
        }
        using (response)
        {
            JsonDocument json;
            try
            {
                json = await response.Content.ReadFromJsonAsync<JsonDocument>(ct)
                    ?? throw new PrometheusUnavailableException($"Prometheus at {_base} answered {(int)response.StatusCode} with an empty body.");
            }
            catch (JsonException e)
            {
                throw new PrometheusUnavailableException($"{_base} answered {(int)response.StatusCode} {response.ReasonPhrase}, which is not Prometheus's API.", e);
            }
            using (json)
            {
                var root = json.RootElement;
                if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("status", out var status))
                    throw new PrometheusUnavailableException($"{_base} answered {(int)response.StatusCode}, which is not Prometheus's API.");
                if (status.GetString() != "success")
                    throw new PrometheusUnavailableException(
                        $"Prometheus refused a query: {(root.TryGetProperty("error", out var error) ? error.GetString() : $"status {(int)response.StatusCode}")}.");
                return root.GetProperty("data").Clone();
            }
        }
    }

    private static Dictionary<string, string> LabelsOf(JsonElement result) =>
        result.GetProperty("metric").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? "", StringComparer.Ordinal);

    /// <summary>Values come as strings: "12.5", "NaN", "+Inf".</summary>
    private static double Number(JsonElement value) => value.GetString() switch
    {
        "NaN" => double.NaN,
        "+Inf" => double.PositiveInfinity,
        "-Inf" => double.NegativeInfinity,
        var s => double.Parse(s!, NumberStyles.Float, CultureInfo.InvariantCulture),
    };

    private static string Unix(DateTimeOffset at) => (at.ToUnixTimeMilliseconds() / 1000.0).ToString("0.###", CultureInfo.InvariantCulture);

    public void Dispose() => _http.Dispose();
}
