using System.Diagnostics;
using System.Text;
using Dashboard.Core;
using Dashboard.Core.Demo;
using Dashboard.Core.Domain;
using Dashboard.Core.Stores;
using Dashboard.Core.Tenants;
using Dashboard.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.E2E.Infrastructure;

/// <summary>
/// The real dashboard, started from its build output on a free port with its own data folder, on the tenants
/// of appsettings.json whose backends are up (see <see cref="Backends"/>). Also gives tests the service layer
/// over the same configuration, to check in the backend what the browser did.
/// </summary>
public sealed class DashboardApp : IAsyncLifetime
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "dashboard-e2e-" + Guid.NewGuid().ToString("N"));
    private readonly StringBuilder _log = new();
    private Process? _process;
    private ServiceProvider? _services;
    private IServiceScope? _scope;
    private ServiceProvider? _appStore;

    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>The one host the app is told to load avatars from (never resolved: tests answer it in the browser).</summary>
    public const string AllowedAvatarHost = "avatars.example.test";

    public Backends Backends { get; } = new();

    /// <summary>The tenants the app serves in this run, in configuration order.</summary>
    public IReadOnlyList<TenantDescriptor> Tenants => Services.GetRequiredService<TenantRegistry>().All;

    public IServiceProvider Services => _services ?? throw new InvalidOperationException("The app is not started.");

    /// <summary>The service layer acting as the system (as tools do), to check in the backend what a person did.</summary>
    public ITenantStore Store(string tenant) => _scope!.ServiceProvider.GetRequiredService<ITenantStoreFactory>().For(tenant);

    /// <summary>
    /// The tenant's backend written to directly, as the tenant's own application does: no audit entry, so the
    /// dashboard can only say "changed outside the dashboard".
    /// </summary>
    public ITenantStore OutsideStore(string tenant) => new TenantStore(Services.GetRequiredService<TenantRegistry>().Get(tenant),
        Services.GetRequiredService<ITenantBackends>().For(tenant), TimeProvider.System, UlidGenerator.Shared);

    /// <summary>
    /// The app's alerts, in its own app store: a flow opens an alert here as the evaluating instance would, and resolves it
    /// when done so no later flow finds a badge count or a banner it did not make.
    /// </summary>
    public Dashboard.Core.Alerts.IAlertStore Alerts => (_appStore ??= BuildAppStoreServices()).GetRequiredService<Dashboard.Core.Alerts.IAlertStore>();

    private ServiceProvider BuildAppStoreServices()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AppStore:ConnectionString"] = $"Data Source={Path.Combine(_data, "dashboard.db")}",
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<Microsoft.Extensions.Hosting.IHostEnvironment>(new TestHostEnvironment(RepositoryPaths.Root));
        Dashboard.AppStore.AppStoreServiceCollectionExtensions.AddAppStore(services, configuration);
        return services.BuildServiceProvider();
    }

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(_data);
        if (!File.Exists(RepositoryPaths.AppAssembly))
            throw new InvalidOperationException($"Build the app first: {RepositoryPaths.AppAssembly} is missing.");

        var settings = await Backends.StartAsync(_data);
        settings["AppStore:ConnectionString"] = $"Data Source={Path.Combine(_data, "dashboard.db")}";
        // Open tabs check their session every 2 s (1 min by default), so the session flows need not wait long;
        // the suite signs in often from one address; one avatar host is allowed for the image-policy flow.
        settings["Auth:Sessions:CircuitRevalidationInterval"] = "00:00:02";
        settings["Auth:SignInRateLimit:PerAddress:PermitLimit"] = "10000";
        settings["Auth:SignInRateLimit:PerAccount:PermitLimit"] = "10000";
        settings["Avatars:AllowedHosts:0"] = AllowedAvatarHost;
        // No alert evaluation: on a busy machine the suite's own traffic can breach a rule (a slow p95), and an alert
        // raised mid-run would put a badge count and banners into every later flow. The alert flow opens its own.
        settings["Alerts:Enabled"] = "false";
        _services = BuildServiceLayer(settings);
        _scope = _services.CreateScope();

        var port = FreePort.Next();
        BaseUrl = new Uri($"http://127.0.0.1:{port}");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = RepositoryPaths.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[] { RepositoryPaths.AppAssembly, "--urls", BaseUrl.ToString(), "--environment", "Development", "--contentRoot", RepositoryPaths.Root })
            start.ArgumentList.Add(arg);
        foreach (var (key, value) in settings) start.ArgumentList.Add($"--{key}={value}");
        _process = Process.Start(start) ?? throw new InvalidOperationException("The app did not start.");
        _process.OutputDataReceived += (_, e) => { lock (_log) _log.AppendLine(e.Data); };
        _process.ErrorDataReceived += (_, e) => { lock (_log) _log.AppendLine(e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        await WaitUntilAnsweringAsync();
        await WaitForDemoDataAsync();
    }

    private static ServiceProvider BuildServiceLayer(Dictionary<string, string?> overrides)
    {
        var configuration = new ConfigurationBuilder()
            .SetBasePath(RepositoryPaths.Root)
            .AddJsonFile("appsettings.json")
            .AddJsonFile("appsettings.Development.json", optional: true)
            .AddInMemoryCollection(overrides)
            .Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddSingleton<Microsoft.Extensions.Hosting.IHostEnvironment>(new TestHostEnvironment(RepositoryPaths.Root));
        services.AddTenantBackends(configuration);
        services.AddSystemPerson();
        return services.BuildServiceProvider();
    }

    private async Task WaitUntilAnsweringAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            if (_process!.HasExited) throw new InvalidOperationException($"The app exited with {_process.ExitCode}:\n{Log}");
            try
            {
                if ((await http.GetAsync(new Uri(BaseUrl, "/healthz"))).IsSuccessStatusCode) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(250);
        }
        throw new TimeoutException($"The app did not answer /healthz within 90 s:\n{Log}");
    }

    /// <summary>The app loads demo data in the background at start; tests begin once every tenant has it.</summary>
    private async Task WaitForDemoDataAsync()
    {
        var deadline = DateTime.UtcNow.AddMinutes(3);
        foreach (var tenant in Tenants)
        {
            while (!await HasDemoDataAsync(tenant.Id))
            {
                if (DateTime.UtcNow > deadline) throw new TimeoutException($"Tenant {tenant.Id} got no demo data:\n{Log}");
                await Task.Delay(500);
            }
        }
    }

    /// <summary>Whether the tenant has its demo data; false too while its schema is still being made (the app prepares it in the background).</summary>
    private async Task<bool> HasDemoDataAsync(string tenant)
    {
        try
        {
            return await Store(tenant).FindUserByEmailAsync(DemoDataGenerator.AdaEmail) is { } ada
                   && (await Store(tenant).ListOrdersAsync(ada.Id, new(3))).Items.Count >= 3;
        }
        catch (Dashboard.Core.Errors.BackendUnavailableException)
        {
            return false;
        }
    }

    public string Log
    {
        get { lock (_log) return _log.ToString(); }
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process?.Dispose();
        _scope?.Dispose();
        if (_services is not null) await _services.DisposeAsync();
        if (_appStore is not null) await _appStore.DisposeAsync();
        await Backends.DisposeAsync();
        try { Directory.Delete(_data, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

internal sealed class TestHostEnvironment(string contentRoot) : Microsoft.Extensions.Hosting.IHostEnvironment
{
    public string EnvironmentName { get; set; } = "Development";
    public string ApplicationName { get; set; } = "Dashboard";
    public string ContentRootPath { get; set; } = contentRoot;
    public Microsoft.Extensions.FileProviders.IFileProvider ContentRootFileProvider { get; set; } =
        new Microsoft.Extensions.FileProviders.PhysicalFileProvider(contentRoot);
}

[CollectionDefinition(Name)]
public sealed class DashboardAppCollection : ICollectionFixture<DashboardApp>
{
    public const string Name = "dashboard app";
}
