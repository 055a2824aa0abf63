using Dashboard.Testing;

[assembly: AssemblyFixture(typeof(Dashboard.Providers.Tests.Fixtures.SharedServers))]

namespace Dashboard.Providers.Tests.Fixtures;

/// <summary>
/// One DynamoDB Local and one MariaDB for the whole test run, each started when a test first needs it and stopped
/// when the run ends. Every start costs seconds of CPU (a new JVM compiles itself again; mariadb-install-db builds a
/// data directory), and tests are isolated by their own table or database anyway. A server a test reconfigures
/// globally (<see cref="MariaDbDiagnosticsFixture"/>) is its own. MariaDB takes more connections than one class's
/// server did, as every class's pools now meet in it.
/// </summary>
public sealed class SharedServers : IAsyncDisposable
{
    private static readonly Lazy<Task<DynamoDbLocalServer>> DynamoDbLocalStart = new(() => DynamoDbLocalServer.StartAsync());
    private static readonly Lazy<Task<MariaDbServer>> MariaDbStart = new(() => MariaDbServer.StartAsync(["--max-connections=500"], CancellationToken.None));

    public static Task<DynamoDbLocalServer> DynamoDbLocal => DynamoDbLocalStart.Value;

    public static Task<MariaDbServer> MariaDb => MariaDbStart.Value;

    public async ValueTask DisposeAsync()
    {
        if (DynamoDbLocalStart.IsValueCreated && DynamoDbLocalStart.Value.IsCompletedSuccessfully) await DynamoDbLocalStart.Value.Result.DisposeAsync();
        if (MariaDbStart.IsValueCreated && MariaDbStart.Value.IsCompletedSuccessfully) await MariaDbStart.Value.Result.DisposeAsync();
    }
}
