using System.Net;
using System.Text.Json;

namespace Dashboard.Commands.Tests;

/// <summary>
/// The README's local-stack commands, in the order a person runs them: <c>scripts/stack.sh up</c> and
/// <c>status</c>, the throttle proxy's curl commands, the load tool on acme through the proxy (throttling off,
/// then at a 0.9 share), <c>scripts/run.sh</c> with the load tool's <c>--via</c>, and <c>scripts/stack.sh down</c>.
/// They use the fixed ports, so they run alone; the session stops everything even when a step fails.
/// </summary>
[Collection(OneAtATime.Name)]
[TestMethodOrderer(typeof(StepOrderer))]
public sealed class LocalStackCommandTests(LocalStackSession session) : IClassFixture<LocalStackSession>
{
    private const string LoadTool = "dotnet run --project src/Dashboard.LoadTool -c Release --no-build --";
    private static readonly Uri Proxy = new($"http://127.0.0.1:{FixedPorts.ThrottleProxy}");

    [Fact, Step(1)]
    public async Task Stack_up_starts_every_backend_on_its_port()
    {
        (await Command.RunAsync("scripts/stack.sh up", session.Environment(), TimeSpan.FromMinutes(4))).ShouldSucceed();

        Assert.All(FixedPorts.Stack, port => Assert.True(FixedPorts.IsListening(port), $"nothing listens on {port}"));
    }

    [Fact, Step(2)]
    public async Task Stack_status_shows_every_backend_up()
    {
        var status = (await Command.RunAsync("scripts/stack.sh status", session.Environment())).ShouldSucceed();

        Assert.Matches(@"(?m)^dynamodb: up on 127\.0\.0\.1:8000", status.Stdout);
        Assert.Matches(@"(?m)^dynamodb-throttle: up on 127\.0\.0\.1:8001", status.Stdout);
        Assert.Matches(@"(?m)^mariadb\s+up\s+127\.0\.0\.1:3306", status.Stdout);
        Assert.Matches(@"(?m)^fauna\s+up\s+http://127\.0\.0\.1:8443", status.Stdout);
    }

    [Fact, Step(3)]
    public async Task Curl_on_the_throttle_proxy_shows_its_share_and_counts()
    {
        var shown = await CurlJsonAsync($"curl {Proxy}__throttle");

        Assert.Equal(0, shown.GetProperty("share").GetDouble());
        Assert.True(shown.TryGetProperty("passed", out _) && shown.TryGetProperty("throttled", out _), shown.ToString());
    }

    [Fact, Step(4)]
    public async Task Load_on_acme_through_the_proxy_prepares_acme_and_prints_its_figures()
    {
        var result = (await Command.RunAsync($"{LoadTool} load --tenant acme --rps 40 --seconds 2", session.Environment())).ShouldSucceed();

        var report = LoadReport.Parse(result.Stdout);
        Assert.Equal(80, report.Started + report.Skipped);
        Assert.Equal(report.Started, report.Completed);
        Assert.True(report.Outcome("ok") > 0, result.ToString());
        Assert.Equal((0, 0), (report.ThrottlesRetried, report.ThrottlesSurfaced));
        Assert.True(report.HasCost, result.ToString());
        // Every call went through the proxy, none throttled.
        var counts = await CurlJsonAsync($"curl {Proxy}__throttle");
        Assert.True(counts.GetProperty("passed").GetInt64() >= report.Completed, counts.ToString());
        Assert.Equal(0, counts.GetProperty("throttled").GetInt64());
    }

    [Fact, Step(5)]
    public async Task Load_at_a_0_9_throttle_share_ends_with_figures_and_throttle_counts()
    {
        var set = await CurlJsonAsync($"curl -X POST '{Proxy}__throttle?share=0.9'");
        Assert.Equal(0.9, set.GetProperty("share").GetDouble());
        try
        {
            var result = (await Command.RunAsync($"{LoadTool} load --tenant acme --rps 40 --seconds 2", session.Environment())).ShouldSucceed();

            var report = LoadReport.Parse(result.Stdout);
            Assert.Equal(80, report.Started + report.Skipped);
            Assert.Equal(report.Started, report.Completed);
            // Throttling is counted, retried, and where retries ran out, surfaced as the calls' outcome; nothing else failed.
            Assert.True(report.ThrottlesRetried > 0, result.ToString());
            Assert.True(report.Outcome("throttled") > 0, result.ToString());
            Assert.Equal(0, report.Outcome("unavailable") + report.Outcome("error"));
            Assert.True(report.HasCost, result.ToString());
            var counts = await CurlJsonAsync($"curl {Proxy}__throttle");
            Assert.True(counts.GetProperty("throttled").GetInt64() >= report.ThrottlesRetried, counts.ToString());
        }
        finally
        {
            await CurlJsonAsync($"curl -X POST '{Proxy}__throttle?share=0'");
        }
    }

    [Fact, Step(6)]
    public async Task Run_sh_serves_the_dashboard_and_load_via_runs_in_it()
    {
        session.App = Command.Start("scripts/run.sh --no-build", session.Environment());
        using var http = AppProbe.Client(new Uri($"http://127.0.0.1:{FixedPorts.App}"));
        await AppProbe.WaitUntilHealthyAsync(http, session.App, TimeSpan.FromSeconds(120));
        await AppProbe.AssertLoginPageAsync(http);

        var via = (await Command.RunAsync($"{LoadTool} load --tenant acme --rps 20 --seconds 2 --via http://127.0.0.1:{FixedPorts.App}",
            session.Environment())).ShouldSucceed();

        var answer = via.Stdout.Split('\n').Single(l => l.StartsWith("200 ", StringComparison.Ordinal));
        using var json = JsonDocument.Parse(answer[4..]);
        Assert.Equal(40, json.RootElement.GetProperty("started").GetInt64() + json.RootElement.GetProperty("skipped").GetInt64());
        Assert.True(json.RootElement.GetProperty("byOutcome").GetProperty("ok").GetInt64() > 0, answer);

        var stopped = await session.App.StopAsync();
        session.App = null;
        Assert.Contains("dashboard on http://127.0.0.1:5080", stopped.Output);
        await FixedPorts.AssertFreedAsync([FixedPorts.App]);
    }

    [Fact, Step(7)]
    public async Task Stack_down_stops_every_backend()
    {
        (await Command.RunAsync("scripts/stack.sh down", session.Environment(), TimeSpan.FromMinutes(1))).ShouldSucceed();

        await FixedPorts.AssertFreedAsync(FixedPorts.Stack, TimeSpan.FromSeconds(30));
        var status = (await Command.RunAsync("scripts/stack.sh status", session.Environment())).ShouldSucceed();
        Assert.Matches(@"(?m)^dynamodb: down", status.Stdout);
        Assert.Matches(@"(?m)^dynamodb-throttle: down", status.Stdout);
        Assert.Matches(@"(?m)^mariadb\s+down", status.Stdout);
        Assert.Matches(@"(?m)^fauna\s+down", status.Stdout);
    }

    private async Task<JsonElement> CurlJsonAsync(string curl)
    {
        var result = (await Command.RunAsync($"{curl} --silent --show-error --fail", session.Environment())).ShouldSucceed();
        using var json = JsonDocument.Parse(result.Stdout);
        return json.RootElement.Clone();
    }
}
