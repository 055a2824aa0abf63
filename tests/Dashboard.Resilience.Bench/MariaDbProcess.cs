using System.Diagnostics;
using MySqlConnector;

namespace Dashboard.Resilience.Bench;

/// <summary>
/// MariaDB (Debian's mariadb-server) with a data directory of its own, --no-defaults so the machine's my.cnf
/// plays no part; the 'app' user comes from an init file run at every start.
/// </summary>
public sealed class MariaDbProcess() : BackendProcess("mariadb")
{
    private const string User = "app", Password = "app-pass";
    private static readonly string[] AsRoot = Environment.UserName == "root" ? ["--user=root"] : [];

    private string ConnectionString(string database) => new MySqlConnectionStringBuilder
    {
        Server = "127.0.0.1", Port = (uint)Port, UserID = User, Password = Password, Database = database, SslMode = MySqlSslMode.None,
    }.ConnectionString;

    public override (string Provider, IReadOnlyDictionary<string, string> Settings) Tenant => ("PlanetScale", new Dictionary<string, string>
    {
        ["ConnectionString"] = ConnectionString("recovery"),
    });

    public override async Task PrepareAsync(CancellationToken ct)
    {
        Directory.CreateDirectory(DataDirectory);
        var info = new ProcessStartInfo(Find("mariadb-install-db"), ["--no-defaults", .. AsRoot, $"--datadir={DataDirectory}/data",
            "--skip-test-db", "--auth-root-authentication-method=socket"]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var install = Process.Start(info)!;
        var output = install.StandardOutput.ReadToEndAsync(ct);
        var error = install.StandardError.ReadToEndAsync(ct);
        await install.WaitForExitAsync(ct);
        if (install.ExitCode != 0) throw new InvalidOperationException($"mariadb-install-db failed:\n{await output}\n{await error}");
        await File.WriteAllTextAsync(Path.Combine(DataDirectory, "init.sql"), $"""
            CREATE USER IF NOT EXISTS '{User}'@'127.0.0.1' IDENTIFIED BY '{Password}';
            GRANT ALL PRIVILEGES ON *.* TO '{User}'@'127.0.0.1';
            """, ct);
    }

    protected override ProcessStartInfo StartInfo() => new(Find("mariadbd"), [
        "--no-defaults", .. AsRoot, $"--datadir={DataDirectory}/data", $"--socket={DataDirectory}/mariadb.sock", $"--port={Port}",
        "--bind-address=127.0.0.1", "--skip-name-resolve", $"--pid-file={DataDirectory}/mariadbd.pid", $"--log-error={DataDirectory}/error.log",
        $"--init-file={DataDirectory}/init.sql", "--innodb-buffer-pool-size=64M", "--skip-log-bin"]);

    public override async Task<bool> AnswersAsync(CancellationToken ct)
    {
        try
        {
            await using var connection = new MySqlConnection(ConnectionString("") + ";Pooling=false;Connection Timeout=1");
            await connection.OpenAsync(ct);
            return true;
        }
        catch (MySqlException)
        {
            return false;
        }
    }
}
