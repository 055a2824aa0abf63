using System.Diagnostics;
using System.Globalization;
using System.Reflection;

namespace Dashboard.Testing;

/// <summary>
/// The dev stack's DynamoDB throttling switch (src/DynamoDbThrottleProxy, built with the solution) in front of a
/// test's DynamoDB Local: the DynamoDB tenants talk to DynamoDB through it, and a test can make a share of calls
/// throttle for real.
/// </summary>
public sealed class DynamoDbThrottleSwitch : IAsyncDisposable
{
    private readonly Process _process;
    private readonly HttpClient _http = new();

    public Uri Url { get; }

    private DynamoDbThrottleSwitch(Process process, Uri url)
    {
        _process = process;
        Url = url;
    }

    public static async Task<DynamoDbThrottleSwitch> StartAsync(Uri upstream)
    {
        var configuration = typeof(DynamoDbThrottleSwitch).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Dashboard.sln"))) root = root.Parent;
        var dll = Path.Combine(root?.FullName ?? ".", "src", "DynamoDbThrottleProxy", "bin", configuration, "net10.0", "DynamoDbThrottleProxy.dll");
        if (!File.Exists(dll)) throw new InvalidOperationException($"Build the solution first: {dll} is missing.");
        var port = FreePort.Next();
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { dll, "--port", port.ToString(CultureInfo.InvariantCulture), "--upstream", upstream.ToString(), "--share", "0" })
            start.ArgumentList.Add(arg);
        var process = Process.Start(start) ?? throw new InvalidOperationException("The throttle proxy did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var proxy = new DynamoDbThrottleSwitch(process, new Uri($"http://127.0.0.1:{port}"));
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                if ((await proxy._http.GetAsync(new Uri(proxy.Url, "/__throttle"))).IsSuccessStatusCode) return proxy;
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline && !process.HasExited)
            {
            }
            if (process.HasExited || DateTime.UtcNow > deadline) throw new InvalidOperationException("The throttle proxy did not answer.");
            await Task.Delay(200);
        }
    }

    /// <summary>Answers this share (0..1) of data-plane calls with ProvisionedThroughputExceededException.</summary>
    public async Task SetShareAsync(double share)
    {
        var response = await _http.PostAsync(new Uri(Url, $"/__throttle?share={share.ToString(CultureInfo.InvariantCulture)}"), null);
        response.EnsureSuccessStatusCode();
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
