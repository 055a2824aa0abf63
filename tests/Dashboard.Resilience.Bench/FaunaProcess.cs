using System.Diagnostics;

namespace Dashboard.Resilience.Bench;

/// <summary>FaunaLocal on disk (its fsynced log survives kill -9), reached with the root secret.</summary>
public sealed class FaunaProcess(string dll) : BackendProcess("fauna")
{
    private const string Secret = "recovery-bench-secret";
    private static readonly HttpClient Http = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.Zero })
    {
        Timeout = TimeSpan.FromSeconds(1),
    };

    public override (string Provider, IReadOnlyDictionary<string, string> Settings) Tenant => ("Fauna", new Dictionary<string, string>
    {
        ["Endpoint"] = $"http://127.0.0.1:{Port}",
        ["Secret"] = Secret,
    });

    protected override ProcessStartInfo StartInfo() =>
        new("dotnet", ["exec", dll, "--port", Port.ToString(), "--data", DataDirectory, "--secret", Secret]);

    public override async Task<bool> AnswersAsync(CancellationToken ct)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{Port}/ping");
            request.Headers.ConnectionClose = true;
            using var response = await Http.SendAsync(request, ct);
            return response.IsSuccessStatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }
}
