namespace Dashboard.Commands.Tests;

/// <summary>
/// The state the local stack's commands share: the stack's data folder (DASHBOARD_STACK_DIR, away from the
/// repository's .stack/), the app's data folder, and anything still running. Whatever happened in the steps,
/// disposing stops it all — the app, then <c>scripts/stack.sh down</c> — and checks the fixed ports are free again.
/// </summary>
public sealed class LocalStackSession : IAsyncLifetime
{
    private readonly string _stackFolder = Directory.CreateTempSubdirectory("dashboard-stack-").FullName;

    public AppData Data { get; } = new();

    /// <summary>scripts/run.sh while it runs (a step starts it; disposing stops it if the step could not).</summary>
    public Command? App { get; set; }

    /// <summary>The environment every command of the session gets: the stack's data folder, the app's data, acme through the throttle proxy.</summary>
    public Dictionary<string, string?> Environment(IReadOnlyDictionary<string, string?>? more = null)
    {
        var environment = Data.Environment();
        environment["DASHBOARD_STACK_DIR"] = _stackFolder;
        // README: "Route acme through it with Tenants__acme__Settings__ServiceUrl=http://127.0.0.1:8001".
        environment["Tenants__acme__Settings__ServiceUrl"] = $"http://127.0.0.1:{FixedPorts.ThrottleProxy}";
        foreach (var (key, value) in more ?? new Dictionary<string, string?>()) environment[key] = value;
        return environment;
    }

    public ValueTask InitializeAsync()
    {
        FixedPorts.AssertFree(FixedPorts.All);
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (App is not null) await App.DisposeAsync();
            var down = await Command.RunAsync("scripts/stack.sh down", Environment(), TimeSpan.FromMinutes(1));
            Assert.True(down.ExitCode == 0, down.ToString());
            await FixedPorts.AssertFreedAsync(FixedPorts.All, TimeSpan.FromSeconds(30));
        }
        finally
        {
            Data.Dispose();
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
