using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Access;

/// <summary>
/// The real app (Program, Development settings, demo accounts) in-process on the test server, every tenant of
/// appsettings.json moved onto its own SQLite file in a temp folder: access, not backends, is under test here.
/// Sign-in rate limits are raised unless a test sets them: the tests sign in many times from one client.
/// </summary>
public sealed partial class DashboardServer : WebApplicationFactory<Program>
{
    public const string ScrapeToken = "scrape-token-for-tests-0123456789";
    public static readonly string[] TenantIds = AccessWorld.TenantIds;
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "dashboard-http-" + Guid.NewGuid().ToString("N"));
    private bool _kestrelStarted;

    /// <summary>Configuration overriding the defaults above.</summary>
    public IReadOnlyDictionary<string, string?> Settings { get; init; } = new Dictionary<string, string?>();

    public string Environment { get; init; } = "Development";

    /// <summary>Changes to the app's services (e.g. a recording decorator around a real one).</summary>
    public Action<IServiceCollection>? TestServices { get; init; }

    /// <summary>Serve over real sockets (the client address is then 127.0.0.1), not the in-memory test server.</summary>
    public bool Kestrel { get; init; }

    /// <summary>The app store's SQLite file (what an attacker who can read the store reads); two instances may share one.</summary>
    public string AppStorePath
    {
        get => field ?? Path.Combine(_folder, "dashboard.db");
        init;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        Directory.CreateDirectory(_folder);
        var root = LocalSignInTests.RepoRoot();
        builder.UseContentRoot(root);
        builder.UseEnvironment(Environment);
        builder.UseSetting("AppStore:ConnectionString", $"Data Source={AppStorePath}");
        builder.UseSetting("Auth:Metrics:ScrapeToken", ScrapeToken);
        builder.UseSetting("Auth:SignInRateLimit:PerAddress:PermitLimit", "100000");
        builder.UseSetting("Auth:SignInRateLimit:PerAccount:PermitLimit", "100000");
        foreach (var id in TenantIds)
        {
            builder.UseSetting($"Tenants:{id}:Provider", "Sqlite");
            builder.UseSetting($"Tenants:{id}:Settings:ConnectionString", $"Data Source={Path.Combine(_folder, id + ".db")}");
            builder.UseSetting($"Tenants:{id}:Settings:CreateSchema", "true");
            builder.UseSetting($"Tenants:{id}:Settings:SeedDemoData", "false");
        }
        foreach (var (key, value) in Settings) builder.UseSetting(key, value);
        if (TestServices is not null) builder.ConfigureTestServices(TestServices);
    }

    /// <summary>Starts the app now (on Kestrel when asked), so a refusal to start surfaces here.</summary>
    public DashboardServer Started()
    {
        if (Kestrel && !_kestrelStarted)
        {
            UseKestrel(0);
            _kestrelStarted = true;
            StartServer();
            // Port 0 picks a free port; clients go to it over IPv4 so the app sees 127.0.0.1.
            var address = Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
                .Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()!.Addresses.First();
            ClientOptions.BaseAddress = new UriBuilder(address) { Host = "127.0.0.1" }.Uri;
        }
        StartServer();
        return this;
    }

    /// <summary>A client that neither follows redirects nor keeps cookies (see <see cref="CookieJar"/>).</summary>
    public HttpClient RawClient() => Started() is { Kestrel: true }
        ? new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = ClientOptions.BaseAddress }
        : CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

    /// <summary>A browser-like client: keeps cookies, does not follow redirects (tests look at them).</summary>
    public HttpClient Browser()
    {
        Started();
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        client.DefaultRequestHeaders.Accept.ParseAdd("text/html");
        return client;
    }

    /// <summary>Signs in through the real form: GET /login for the antiforgery token, POST the credentials.</summary>
    public static async Task<HttpResponseMessage> PostLoginAsync(HttpClient client, string email, string password, string? returnUrl = null)
    {
        var path = returnUrl is null ? "/login" : "/login?returnUrl=" + Uri.EscapeDataString(returnUrl);
        var form = await client.GetStringAsync(path);
        var token = AntiforgeryField().Match(form).Groups[1].Value;
        return await client.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "sign-in",
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        }));
    }

    public async Task<HttpClient> SignedInAsync(string email, string password)
    {
        var client = Browser();
        var response = await PostLoginAsync(client, email, password);
        if (response.StatusCode != HttpStatusCode.Redirect) throw new InvalidOperationException($"Sign-in as {email} failed: {(int)response.StatusCode}");
        return client;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}
