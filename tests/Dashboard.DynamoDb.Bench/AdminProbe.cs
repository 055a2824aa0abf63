using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Dashboard.Testing;

namespace Dashboard.DynamoDb.Bench;

/// <summary>
/// dynamodb-admin (npm), started against the same DynamoDB Local and table, timed as a person uses it: its table
/// page (the HTML page and the first page of items it then fetches) and a filtered search, which it serves with
/// Scan + FilterExpression, 10 items per request, until it has a page.
/// </summary>
public sealed class AdminProbe : IAsyncDisposable
{
    private readonly Process _process;
    private readonly HttpClient _http;

    private AdminProbe(Process process, int port, TimeSpan timeout)
    {
        _process = process;
        _http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = timeout };
    }

    public static string? Find(string repoRoot)
    {
        var script = Path.Combine(repoRoot, ".tools/dynamodb-admin/node_modules/dynamodb-admin/dist/dynamodb-admin.js");
        return File.Exists(script) ? script : null;
    }

    public static async Task<AdminProbe> StartAsync(string script, Uri dynamo, TimeSpan timeout)
    {
        var port = FreePort.Next();
        var start = new ProcessStartInfo("node") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { script, "-H", "127.0.0.1", "-p", port.ToString(), "--dynamo-endpoint", dynamo.ToString() }) start.ArgumentList.Add(a);
        // DynamoDB Local keeps one database per access key and region unless -sharedDb: use ours.
        start.Environment["AWS_ACCESS_KEY_ID"] = "local";
        start.Environment["AWS_SECRET_ACCESS_KEY"] = "local";
        start.Environment["AWS_REGION"] = "us-east-1";
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var probe = new AdminProbe(process, port, timeout);
        for (var i = 0; i < 300; i++)
        {
            try
            {
                using var c = new TcpClient();
                await c.ConnectAsync(IPAddress.Loopback, port);
                return probe;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }
        await probe.DisposeAsync();
        throw new InvalidOperationException("dynamodb-admin did not start");
    }

    /// <summary>The table page as a browser loads it: the page, then its first 25 items.</summary>
    public async Task<int> TablePageAsync(string table)
    {
        (await _http.GetAsync($"/tables/{table}")).EnsureSuccessStatusCode();
        return await ItemsAsync($"/tables/{table}/items?pageNum=1&pageSize=25");
    }

    /// <summary>The search form: attribute begins_with value, scanned (the attribute is no key of the table).</summary>
    public Task<int> SearchAsync(string table, string attribute, string prefix)
    {
        var filters = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            [attribute] = new { type = "S", @operator = "begins_with", value = prefix },
        });
        return ItemsAsync($"/tables/{table}/items?pageNum=1&pageSize=25&operationType=scan&filters={Uri.EscapeDataString(filters)}");
    }

    private async Task<int> ItemsAsync(string url)
    {
        var response = await _http.GetAsync(url);
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("Items").GetArrayLength();
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
