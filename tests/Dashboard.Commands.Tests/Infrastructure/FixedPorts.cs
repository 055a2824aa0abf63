using System.Net.Sockets;

namespace Dashboard.Commands.Tests.Infrastructure;

/// <summary>The ports the documented commands use (README, "Two commands"): the local stack's and the app's.</summary>
public static class FixedPorts
{
    public const int DynamoDb = 8000, ThrottleProxy = 8001, MariaDb = 3306, FaunaLocal = 8443, App = 5080;

    /// <summary>scripts/cluster.sh: the instances, nginx (https, http) and Prometheus.</summary>
    public const int Instance1 = 5081, Instance2 = 5082, NginxHttps = 5443, NginxHttp = 5088, Prometheus = 9090;

    public static IReadOnlyList<int> Stack { get; } = [DynamoDb, ThrottleProxy, MariaDb, FaunaLocal];

    public static IReadOnlyList<int> All { get; } = [.. Stack, App];

    public static IReadOnlyList<int> Cluster { get; } = [.. Stack, Instance1, Instance2, NginxHttps, NginxHttp, Prometheus];

    public static bool IsListening(int port)
    {
        using var client = new TcpClient();
        try
        {
            client.Connect("127.0.0.1", port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>
    /// A command that finds its port taken would use (or stop) whatever is there — someone's running stack —
    /// so the test fails at once instead, naming the ports.
    /// </summary>
    public static void AssertFree(IEnumerable<int> ports)
    {
        var busy = ports.Where(IsListening).ToList();
        Assert.True(busy.Count == 0,
            $"Something already listens on {string.Join(", ", busy)}: stop it (scripts/stack.sh down, the app) before running these tests.");
    }

    /// <summary>Waits until nothing listens on <paramref name="ports"/> (a stopped server can take a moment to let go).</summary>
    public static async Task AssertFreedAsync(IEnumerable<int> ports, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(15));
        List<int> busy;
        while ((busy = ports.Where(IsListening).ToList()).Count > 0 && DateTime.UtcNow < deadline) await Task.Delay(200);
        Assert.True(busy.Count == 0, $"Still listening after the command stopped: {string.Join(", ", busy)}");
    }
}
