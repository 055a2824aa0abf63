using System.Net;
using System.Text.Json;

namespace Dashboard.Commands.Tests;

/// <summary>
/// README: "<c>dotnet run --project src/Dashboard</c> alone also works on a fresh clone" — on the Release build,
/// its launch profile (http://127.0.0.1:5080, Development), with no local stack running: the sandbox is created
/// and seeded, the tenants whose backends are down show as unavailable. The same app answers the load tool's
/// <c>--via</c> endpoint, /ops/load, whose answers for a dead backend and bad parameters are checked here.
/// </summary>
[Collection(OneAtATime.Name)]
public sealed class DotnetRunDashboardTests(DotnetRunDashboardTests.FreshClone app) : IClassFixture<DotnetRunDashboardTests.FreshClone>
{
    [Fact]
    public async Task It_answers_healthz_with_the_down_backends_as_degraded()
    {
        // Health comes from the background prober: poll until it has checked every tenant once.
        var deadline = DateTime.UtcNow.AddSeconds(60);
        JsonElement body;
        do
        {
            using var response = await app.Http.GetAsync("/healthz", Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.Clone();
            if (body.GetProperty("tenants").GetProperty("notChecked").GetInt32() == 0) break;
            await Task.Delay(250, Ct);
        } while (DateTime.UtcNow < deadline);

        Assert.Equal("Degraded", body.GetProperty("status").GetString());
        var tenants = body.GetProperty("tenants");
        Assert.Equal(4, tenants.GetProperty("total").GetInt32());
        Assert.Equal(1, tenants.GetProperty("reachable").GetInt32()); // the sandbox; acme, globex and initech are down
        Assert.Equal(3, tenants.GetProperty("unavailable").GetInt32());
        Assert.False(body.TryGetProperty("checks", out _)); // anonymous: no tenant names
    }

    [Fact]
    public Task It_serves_the_login_page() => AppProbe.AssertLoginPageAsync(app.Http);

    [Fact]
    public async Task The_sandbox_is_created_and_seeded_and_ops_load_runs_on_it()
    {
        // Demo data loads in the background after start; until then the answer is 409 "nothing to load".
        var deadline = DateTime.UtcNow.AddSeconds(90);
        HttpResponseMessage response;
        while ((response = await app.Http.PostAsync("/ops/load?tenant=sandbox&rps=20&seconds=1", null, Ct)).StatusCode == HttpStatusCode.Conflict
               && DateTime.UtcNow < deadline)
            await Task.Delay(500, Ct);

        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode} {body}\n{app.Command.Output}");
        using var json = JsonDocument.Parse(body);
        Assert.Equal(20, json.RootElement.GetProperty("started").GetInt64());
        Assert.Equal(20, json.RootElement.GetProperty("completed").GetInt64());
        Assert.True(json.RootElement.GetProperty("byOutcome").GetProperty("ok").GetInt64() > 0, body);
        Assert.True(File.Exists(Path.Combine(app.Data.Folder, "sandbox.db")));
    }

    [Theory]
    [InlineData("acme", "DynamoDB")]
    [InlineData("globex", "PlanetScale")]
    [InlineData("initech", "Fauna")]
    public async Task Ops_load_on_a_tenant_whose_backend_is_down_answers_503_problem_json(string tenant, string provider)
    {
        using var response = await app.Http.PostAsync($"/ops/load?tenant={tenant}&rps=20&seconds=1", null, Ct);

        var problem = await ProblemAsync(response, HttpStatusCode.ServiceUnavailable);
        Assert.Equal("Backend unavailable", problem.GetProperty("title").GetString());
        var detail = problem.GetProperty("detail").GetString()!;
        Assert.StartsWith($"Tenant '{tenant}' is unavailable", detail);
        Assert.Contains(provider, detail);
    }

    [Theory]
    [InlineData("tenant=sandbox&rps=0&seconds=1", "rps must be a whole number from 1 to 5000")]
    [InlineData("tenant=sandbox&rps=lots&seconds=1", "rps must be a whole number from 1 to 5000")]
    [InlineData("tenant=sandbox&rps=5&seconds=3601", "seconds must be a whole number from 1 to 3600")]
    [InlineData("rps=5&seconds=1", "tenant is required")]
    [InlineData("tenant=nobody&rps=5&seconds=1", "no tenant 'nobody'")]
    public async Task Ops_load_with_a_bad_parameter_answers_400_problem_json(string query, string detail)
    {
        using var response = await app.Http.PostAsync($"/ops/load?{query}", null, Ct);

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(detail, problem.GetProperty("detail").GetString());
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The answer is an RFC 9457 problem with this status, and nothing in it is a stack trace.</summary>
    private async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == status, $"{(int)response.StatusCode} {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("   at ", body);
        Assert.DoesNotContain("Exception", body);
        using var json = JsonDocument.Parse(body);
        Assert.Equal((int)status, json.RootElement.GetProperty("status").GetInt32());
        return json.RootElement.Clone();
    }

    /// <summary>The app started by the README's command, with nothing else running, stopped like a Ctrl-C.</summary>
    public sealed class FreshClone : IAsyncLifetime
    {
        public AppData Data { get; } = new();
        public Command Command { get; private set; } = null!;
        public HttpClient Http { get; } = AppProbe.Client(new Uri($"http://127.0.0.1:{FixedPorts.App}"));

        public async ValueTask InitializeAsync()
        {
            FixedPorts.AssertFree(FixedPorts.All);
            Command = Command.Start("dotnet run --project src/Dashboard -c Release --no-build", Data.Environment());
            await AppProbe.WaitUntilHealthyAsync(Http, Command, TimeSpan.FromSeconds(120));
        }

        public async ValueTask DisposeAsync()
        {
            Http.Dispose();
            if (Command is not null) await Command.DisposeAsync();
            Data.Dispose();
            await FixedPorts.AssertFreedAsync([FixedPorts.App]);
        }
    }
}
