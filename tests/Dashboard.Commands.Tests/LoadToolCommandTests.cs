using Dashboard.Testing;

namespace Dashboard.Commands.Tests;

/// <summary>
/// README: <c>dotnet run --project src/Dashboard.LoadTool -- load --tenant T --rps N --seconds S</c>, in-process,
/// on the Release build (<c>-c Release --no-build</c>). These need no server: the sandbox is embedded, and the
/// "backend down" case points a tenant at a port nobody listens on.
/// </summary>
[Collection(OneAtATime.Name)]
public sealed class LoadToolCommandTests : IDisposable
{
    private const string LoadTool = "dotnet run --project src/Dashboard.LoadTool -c Release --no-build --";
    private readonly AppData _data = new();

    [Fact]
    public async Task Load_on_the_sandbox_of_a_fresh_clone_prepares_it_and_prints_its_figures()
    {
        var result = (await Command.RunAsync($"{LoadTool} load --tenant sandbox --rps 40 --seconds 2", _data.Environment())).ShouldSucceed();

        Assert.Contains("Loaded demo data into tenant 'sandbox'.", result.Stdout);
        Assert.Contains("Load on tenant 'sandbox': 40 calls/s for 2 s", result.Stdout);
        var report = LoadReport.Parse(result.Stdout);
        Assert.Equal(80, report.Started + report.Skipped);
        Assert.Equal(report.Started, report.Completed);
        Assert.True(report.Outcome("ok") > 0, result.ToString());
        Assert.Equal(0, report.Outcome("unavailable") + report.Outcome("error") + report.Outcome("throttled"));
        // The operations table counts at least the calls the run made (sampling and preparation come on top).
        Assert.True(new[] { "list_users", "get_user", "list_orders" }.All(report.CallsByOperation.ContainsKey), result.ToString());
        Assert.True(report.CallsByOperation.Values.Sum() >= report.Completed, result.ToString());
        Assert.Equal((0, 0), (report.ThrottlesRetried, report.ThrottlesSurfaced));
        Assert.True(report.HasCost, result.ToString());
        Assert.Empty(result.Stderr.Trim());
    }

    [Fact]
    public async Task Load_with_its_backend_down_ends_with_one_line_and_a_non_zero_exit()
    {
        var environment = _data.Environment();
        environment["Tenants__acme__Settings__ServiceUrl"] = $"http://127.0.0.1:{FreePort.Next()}";

        var result = await Command.RunAsync($"{LoadTool} load --tenant acme --rps 40 --seconds 2", environment);

        Assert.Equal(1, result.ExitCode);
        var error = Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: Tenant 'acme' is unavailable", error);
        Assert.Contains("no load was sent", error);
        Assert.DoesNotContain("started", result.Stdout);
        Assert.DoesNotContain("   at ", result.Output);
    }

    [Theory]
    [InlineData("load --tenant sandbox --rps many", 2, "rps must be a whole number")]
    [InlineData("load --tenant sandbox --seconds 0", 2, "seconds must be a whole number")]
    [InlineData("unload", 2, "usage: load --tenant")]
    [InlineData("load --tenant nobody --rps 1 --seconds 1", 1, "No tenant 'nobody' in the configuration")]
    public async Task A_wrong_command_line_is_one_message_and_a_non_zero_exit(string arguments, int exitCode, string message)
    {
        var result = await Command.RunAsync($"{LoadTool} {arguments}", _data.Environment());

        Assert.Equal(exitCode, result.ExitCode);
        Assert.Contains(message, result.Stderr);
        Assert.DoesNotContain("   at ", result.Output);
    }

    public void Dispose() => _data.Dispose();
}
