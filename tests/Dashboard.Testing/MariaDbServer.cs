using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MySqlConnector;

namespace Dashboard.Testing;

/// <summary>
/// A real MariaDB server (Debian's mariadb-server) of our own: a temporary data directory, a free port on
/// 127.0.0.1, an 'app' user with every privilege and a 'tenant' user with none beyond what a test grants.
/// Started with --no-defaults so the machine's my.cnf and system service play no part; killed on dispose.
/// </summary>
public sealed class MariaDbServer : IAsyncDisposable
{
    public const string AppUser = "app", AppPassword = "app-pass";
    public const string TenantUser = "tenant", TenantPassword = "tenant-pass";

    private readonly string _dataDir;
    private readonly Process _process;

    public int Port { get; }

    private MariaDbServer(string dataDir, Process process, int port)
    {
        _dataDir = dataDir;
        _process = process;
        Port = port;
    }

    public string ConnectionString(string? database = null, string user = AppUser, string password = AppPassword) =>
        new MySqlConnectionStringBuilder
        {
            Server = "127.0.0.1", Port = (uint)Port, UserID = user, Password = password, Database = database ?? "",
            SslMode = MySqlSslMode.None,
        }.ConnectionString;

    /// <summary>Starts a server; <paramref name="extraArgs"/> go to mariadbd (e.g. "--sql-mode=").</summary>
    public static async Task<MariaDbServer> StartAsync(IEnumerable<string> extraArgs, CancellationToken ct)
    {
        var installDb = Find("mariadb-install-db");
        var mariadbd = Find("mariadbd");
        var dataDir = Path.Combine(Path.GetTempPath(), "dashboard-mariadb-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(dataDir);
        var asRoot = Environment.UserName == "root";
        var userArg = asRoot ? ["--user=root"] : Array.Empty<string>();

        await RunAsync(installDb, ["--no-defaults", .. userArg, $"--datadir={dataDir}/data", "--skip-test-db",
            "--auth-root-authentication-method=socket"], ct);

        var init = Path.Combine(dataDir, "init.sql");
        await File.WriteAllTextAsync(init, $"""
            CREATE USER IF NOT EXISTS '{AppUser}'@'127.0.0.1' IDENTIFIED BY '{AppPassword}';
            GRANT ALL PRIVILEGES ON *.* TO '{AppUser}'@'127.0.0.1' WITH GRANT OPTION;
            CREATE USER IF NOT EXISTS '{TenantUser}'@'127.0.0.1' IDENTIFIED BY '{TenantPassword}';
            """, ct);

        var port = FreePort.Next();
        var start = new ProcessStartInfo(mariadbd)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in (string[])["--no-defaults", .. userArg, $"--datadir={dataDir}/data", $"--socket={dataDir}/mariadb.sock",
                     $"--port={port}", "--bind-address=127.0.0.1", "--skip-name-resolve", $"--pid-file={dataDir}/mariadbd.pid",
                     $"--log-error={dataDir}/error.log", $"--init-file={init}", "--character-set-server=utf8mb4",
                     "--collation-server=utf8mb4_unicode_ci", "--innodb-buffer-pool-size=64M", "--innodb-log-file-size=16M",
                     "--innodb-flush-log-at-trx-commit=2", "--skip-log-bin", "--max-connections=200", .. extraArgs])
            start.ArgumentList.Add(arg);
        var process = Process.Start(start) ?? throw new InvalidOperationException("mariadbd did not start");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new MariaDbServer(dataDir, process, port);
        await server.WaitUntilReadyAsync(ct);
        return server;
    }

    private async Task WaitUntilReadyAsync(CancellationToken ct)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            if (_process.HasExited) throw new InvalidOperationException($"mariadbd exited at start:\n{ErrorLogTail()}");
            try
            {
                await using var connection = new MySqlConnection(ConnectionString() + ";Pooling=false");
                await connection.OpenAsync(ct);
                return;
            }
            catch (MySqlException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100, ct);
            }
        }
    }

    /// <summary>Runs SQL as the privileged 'app' user, outside any store (setup and inspection).</summary>
    public async Task ExecuteAsync(string sql, CancellationToken ct)
    {
        await using var connection = new MySqlConnection(ConnectionString());
        await connection.OpenAsync(ct);
        await using var command = new MySqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(ct);
    }

    private string ErrorLogTail()
    {
        var log = Path.Combine(_dataDir, "error.log");
        return File.Exists(log) ? string.Join('\n', File.ReadLines(log).TakeLast(20)) : "(no error log)";
    }

    private static string Find(string tool)
    {
        var dirs = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Concat(["/usr/sbin", "/usr/bin", "/usr/local/sbin"]);
        return dirs.Select(d => Path.Combine(d, tool)).FirstOrDefault(File.Exists)
               ?? throw new InvalidOperationException($"{tool} is not installed: run scripts/test.sh (it installs mariadb-server) or apt-get install mariadb-server.");
    }

    private static async Task RunAsync(string file, IEnumerable<string> args, CancellationToken ct)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync(ct);
        var error = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{Path.GetFileName(file)} failed ({process.ExitCode}):\n{await output}\n{await error}");
    }

    public async ValueTask DisposeAsync()
    {
        MySqlConnection.ClearAllPools();
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(15)).Token);
        }
        catch (Exception e) when (e is InvalidOperationException or OperationCanceledException)
        {
            // Already gone, or stuck: the temp directory goes either way.
        }
        _process.Dispose();
        try
        {
            Directory.Delete(_dataDir, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
