using System.Text.Json;

namespace Dashboard.LoadTool;

/// <summary><c>--via URL</c>: asks a running app (Development) to run the mix itself, so its ops pages move.</summary>
internal static class ViaApp
{
    public static async Task<int> RunAsync(LoadArguments load, CancellationToken ct)
    {
        var app = load.Via!;
        using var http = new HttpClient { BaseAddress = app, Timeout = TimeSpan.FromSeconds(load.Seconds + 120) };
        Console.WriteLine($"Asking {app} to run {load.Rps} calls/s for {load.Seconds} s on tenant '{load.Tenant}' (watch /ops/throughput) ...");
        HttpResponseMessage response;
        try
        {
            response = await http.PostAsync($"/ops/load?tenant={Uri.EscapeDataString(load.Tenant)}&rps={load.Rps}&seconds={load.Seconds}", null, ct);
        }
        catch (HttpRequestException e)
        {
            throw new LoadToolException($"The app at {app} did not answer ({e.Message}); start it with scripts/run.sh.");
        }
        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(ct);
            if (!response.IsSuccessStatusCode)
                throw new LoadToolException($"The app answered {(int)response.StatusCode}: {ProblemDetail(body)}");
            Console.WriteLine($"{(int)response.StatusCode} {body}");
            return 0;
        }
    }

    /// <summary>A problem answer's detail (or title), else the body as it came.</summary>
    private static string ProblemDetail(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            foreach (var name in new[] { "detail", "title" })
                if (json.RootElement.TryGetProperty(name, out var value) && value.GetString() is { Length: > 0 } text) return text;
        }
        catch (JsonException)
        {
        }
        return body.Length > 300 ? body[..300] + "…" : body;
    }
}
