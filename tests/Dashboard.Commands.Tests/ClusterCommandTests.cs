using System.Net;
using System.Text.RegularExpressions;

namespace Dashboard.Commands.Tests;

/// <summary>
/// README "Running several instances": <c>scripts/cluster.sh up</c> (on the existing build), <c>status</c>,
/// <c>kill 2</c> and <c>start 2</c>, <c>down</c> — on the documented ports, the stack's data in a temporary folder
/// (DynamoDB Local in memory, as nothing is kept). The session stops everything even when a step fails.
/// </summary>
[Collection(OneAtATime.Name)]
[TestMethodOrderer(typeof(StepOrderer))]
public sealed partial class ClusterCommandTests(ClusterSession session) : IClassFixture<ClusterSession>
{
    [Fact, Step(1)]
    public async Task Cluster_up_starts_the_backends_two_instances_nginx_and_Prometheus()
    {
        var up = (await Command.RunAsync("scripts/cluster.sh up --no-build", session.Environment(), TimeSpan.FromMinutes(4))).ShouldSucceed();

        Assert.Contains("cluster: https://127.0.0.1:5443", up.Stdout);
        Assert.All(FixedPorts.Cluster, port => Assert.True(FixedPorts.IsListening(port), $"nothing listens on {port}"));
    }

    [Fact, Step(2)]
    public async Task Cluster_status_shows_every_part_up()
    {
        var status = (await Command.RunAsync("scripts/cluster.sh status", session.Environment())).ShouldSucceed();

        Assert.Matches(@"(?m)^dashboard-1\s+up\s+http://127\.0\.0\.1:5081", status.Stdout);
        Assert.Matches(@"(?m)^dashboard-2\s+up\s+http://127\.0\.0\.1:5082", status.Stdout);
        Assert.Matches(@"(?m)^nginx\s+up\s+https://127\.0\.0\.1:5443, http://127\.0\.0\.1:5088", status.Stdout);
        Assert.Matches(@"(?m)^prometheus\s+up\s+http://127\.0\.0\.1:9090", status.Stdout);
        Assert.Matches(@"(?m)^mariadb\s+up", status.Stdout);
    }

    [Fact, Step(3)]
    public async Task Nginx_answers_over_https_and_redirects_http_and_Prometheus_scrapes_both_instances()
    {
        using var http = new HttpClient(new HttpClientHandler
        {
            AllowAutoRedirect = false,
            ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator,
        });
        var ct = TestContext.Current.CancellationToken;
        using var login = await http.GetAsync("https://127.0.0.1:5443/login", ct);
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.Contains(login.Headers.GetValues("Set-Cookie"), c => c.StartsWith("dashboard_affinity=", StringComparison.Ordinal) && c.Contains("secure"));
        using var plain = await http.GetAsync("http://127.0.0.1:5088/login", ct);
        Assert.Equal(HttpStatusCode.MovedPermanently, plain.StatusCode);

        var deadline = DateTime.UtcNow.AddSeconds(30);
        string targets;
        do
        {
            targets = await http.GetStringAsync("http://127.0.0.1:9090/api/v1/targets", ct);
            if (Regex.Matches(targets, "\"health\":\"up\"").Count == 2) break;
            await Task.Delay(500, ct);
        } while (DateTime.UtcNow < deadline);
        Assert.Equal(2, Regex.Matches(targets, "\"health\":\"up\"").Count);
        Assert.Contains("\"instance\":\"dashboard-1\"", targets);
        Assert.Contains("\"instance\":\"dashboard-2\"", targets);
    }

    [Fact, Step(4)]
    public async Task Kill_2_ends_instance_2_and_start_2_brings_it_back()
    {
        (await Command.RunAsync("scripts/cluster.sh kill 2", session.Environment())).ShouldSucceed();
        await FixedPorts.AssertFreedAsync([FixedPorts.Instance2]);
        var status = (await Command.RunAsync("scripts/cluster.sh status", session.Environment())).ShouldSucceed();
        Assert.Matches(@"(?m)^dashboard-2\s+down", status.Stdout);

        (await Command.RunAsync("scripts/cluster.sh start 2", session.Environment(), TimeSpan.FromMinutes(2))).ShouldSucceed();
        Assert.True(FixedPorts.IsListening(FixedPorts.Instance2));
    }

    [Fact, Step(5)]
    public async Task Cluster_down_stops_everything()
    {
        (await Command.RunAsync("scripts/cluster.sh down", session.Environment(), TimeSpan.FromMinutes(2))).ShouldSucceed();

        await FixedPorts.AssertFreedAsync(FixedPorts.Cluster, TimeSpan.FromSeconds(30));
        var status = (await Command.RunAsync("scripts/cluster.sh status", session.Environment())).ShouldSucceed();
        foreach (var part in new[] { "dashboard-1", "dashboard-2", "nginx", "prometheus", "mariadb" })
            Assert.Matches($@"(?m)^{part}\s+down", status.Stdout);
    }
}
