using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Dashboard.Testing;

/// <summary>
/// AWS's DynamoDB Local, started by the test on a free port, in memory (or on disk in a given directory), and
/// stopped afterwards. The jar comes from <c>scripts/test.sh</c> (scripts/lib/ensure-dynamodb-local.sh) under
/// .tools/dynamodb-local.
/// </summary>
public sealed class DynamoDbLocalServer : IAsyncDisposable
{
    private const string JarInRepo = ".tools/dynamodb-local/package/emulator/DynamoDBLocal.jar";
    private readonly Process _process;

    public Uri Url { get; }

    private DynamoDbLocalServer(Process process, int port)
    {
        _process = process;
        Url = new Uri($"http://127.0.0.1:{port}");
    }

    public static Task<DynamoDbLocalServer> StartAsync(CancellationToken ct = default) => StartAsync(dataDirectory: null, ct);

    /// <summary>Starts it in memory when <paramref name="dataDirectory"/> is null, else with one shared database file
    /// in that directory (<c>-sharedDb -dbPath</c>), which the caller creates and deletes.</summary>
    public static async Task<DynamoDbLocalServer> StartAsync(string? dataDirectory, CancellationToken ct = default)
    {
        var jar = FindJar();
        var port = FreePort.Next();
        var emulator = Path.GetDirectoryName(jar)!;
        var start = new ProcessStartInfo("java")
        {
            WorkingDirectory = emulator,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        string[] storage = dataDirectory is null ? ["-inMemory"] : ["-sharedDb", "-dbPath", Path.GetFullPath(dataDirectory)];
        foreach (var arg in new[]
                 {
                     $"-Djava.library.path={Path.Combine(emulator, "DynamoDBLocal_lib")}", "-jar", jar,
                     "-port", port.ToString(), "-disableTelemetry",
                 }.Concat(storage))
            start.ArgumentList.Add(arg);
        var process = Process.Start(start) ?? throw new InvalidOperationException("java could not be started");
        var output = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new DynamoDbLocalServer(process, port);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!await AcceptsAsync(port, ct))
        {
            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                await server.DisposeAsync();
                lock (output) throw new InvalidOperationException($"DynamoDB Local did not start on port {port}:\n{output}");
            }
            await Task.Delay(100, ct);
        }
        return server;
    }

    private static string FindJar()
    {
        if (Environment.GetEnvironmentVariable("DYNAMODB_LOCAL_JAR") is { Length: > 0 } fromEnv && File.Exists(fromEnv)) return fromEnv;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (!File.Exists(Path.Combine(dir.FullName, "Dashboard.sln"))) continue;
            var jar = Path.Combine(dir.FullName, JarInRepo);
            if (File.Exists(jar)) return jar;
            break;
        }
        throw new InvalidOperationException(
            $"DynamoDB Local is not installed ({JarInRepo} is missing). Run scripts/test.sh once: it fetches it.");
    }

    private static async Task<bool> AcceptsAsync(int port, CancellationToken ct)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, port, ct);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
