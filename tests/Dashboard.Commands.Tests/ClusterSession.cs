namespace Dashboard.Commands.Tests;

/// <summary>
/// The cluster commands' shared state: the stack folder (DASHBOARD_STACK_DIR, away from the repository's .stack/).
/// Whatever happened in the steps, disposing runs <c>scripts/cluster.sh down</c> and checks the ports are free again.
/// </summary>
public sealed class ClusterSession : IAsyncLifetime
{
    private readonly string _stackFolder = Directory.CreateTempSubdirectory("dashboard-cluster-").FullName;

    public Dictionary<string, string?> Environment() => new()
    {
        ["DASHBOARD_STACK_DIR"] = _stackFolder,
        // Nothing is kept between runs: DynamoDB Local in memory loads the demo data much faster.
        ["DYNAMODB_IN_MEMORY"] = "1",
    };

    public ValueTask InitializeAsync()
    {
        FixedPorts.AssertFree(FixedPorts.Cluster);
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            var down = await Command.RunAsync("scripts/cluster.sh down", Environment(), TimeSpan.FromMinutes(2));
            Assert.True(down.ExitCode == 0, down.ToString());
            await FixedPorts.AssertFreedAsync(FixedPorts.Cluster, TimeSpan.FromSeconds(30));
        }
        finally
        {
            try
            {
                Directory.Delete(_stackFolder, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
