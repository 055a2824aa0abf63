using Dashboard.Access;
using Dashboard.AppStore;
using Dashboard.AppStore.Lockout;
using Dashboard.AppStore.Sessions;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Dashboard.Tests.Access;

/// <summary>
/// The access layer's services, wired as the host wires them, over a real app store (a SQLite file in a temp
/// folder) with a clock and options the test controls. <see cref="OtherInstance"/> is a second app instance on
/// the same store, with its own session cache.
/// </summary>
public sealed class AccessParts : IAsyncDisposable
{
    private readonly string? _folder;
    private readonly ServiceProvider _appStore;

    private AccessParts(AuthOptionsSlot options, ManualClock clock, ServiceProvider appStore, string? folder)
    {
        (Options, Clock, _appStore, _folder) = (options, clock, appStore, folder);
        Sessions = appStore.GetRequiredService<SessionStore>();
        Lockouts = appStore.GetRequiredService<SignInLockoutStore>();
        Validator = new SessionValidator(Sessions, options, clock, NullLogger<SessionValidator>.Instance);
        PersonSessions = new PersonSessions(Sessions, Validator, options, clock, NullLogger<PersonSessions>.Instance);
        Lockout = new SignInLockout(Lockouts, options, clock);
        SignIn = new LocalSignIn(options, Lockout, Hasher, new UnknownAccountHash(options), PersonSessions, NullLogger<LocalSignIn>.Instance);
    }

    public AuthOptionsSlot Options { get; }
    public ManualClock Clock { get; }
    public SessionStore Sessions { get; }
    public SignInLockoutStore Lockouts { get; }
    public SessionValidator Validator { get; }
    public PersonSessions PersonSessions { get; }
    public SignInLockout Lockout { get; }
    public LocalSignIn SignIn { get; }
    public CountingPasswordHasher Hasher { get; } = new();

    public static async Task<AccessParts> StartAsync(AuthOptions options, CancellationToken ct)
    {
        var folder = Path.Combine(Path.GetTempPath(), "dashboard-access-parts-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AppStore:ConnectionString"] = $"Data Source={Path.Combine(folder, "dashboard.db")}",
        }).Build();
        var services = new ServiceCollection().AddLogging().AddAppStore(configuration).BuildServiceProvider();
        await using (var db = await services.GetRequiredService<IDbContextFactory<AppStoreDbContext>>().CreateDbContextAsync(ct))
            await AppStoreSchema.EnsureAsync(db, mySql: false, ct);
        return new AccessParts(new AuthOptionsSlot(options), new ManualClock(), services, folder);
    }

    /// <summary>Another instance of the app on the same store and clock: its own cache, the same options.</summary>
    public AccessParts OtherInstance() => new(Options, Clock, _appStore, folder: null);

    /// <summary>A real local sign-in (check + session), returning the principal the cookie would carry.</summary>
    public async Task<System.Security.Claims.ClaimsPrincipal> SignedInAsync(string email, string password, CancellationToken ct)
    {
        var http = new Microsoft.AspNetCore.Http.DefaultHttpContext();
        var result = await SignIn.CheckAsync(email, password, "v4:192.0.2.1", ct);
        var account = result.Account ?? throw new InvalidOperationException(result.Problem);
        var id = AccountStamp.Normalize(account.Email);
        return await PersonSessions.StartAsync(
            new SessionSubject(id, account.Name ?? id, account.Role, account.Tenants, SessionSources.Local, [], AccountStamp.Of(account)), http, ct);
    }

    public async ValueTask DisposeAsync()
    {
        Validator.Dispose();
        if (_folder is null) return;
        await _appStore.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}

/// <summary>Options the test may change at run time, as a configuration reload would.</summary>
public sealed class AuthOptionsSlot(AuthOptions value) : IOptionsMonitor<AuthOptions>
{
    public AuthOptions Value { get; set; } = value;
    public AuthOptions CurrentValue => Value;
    public AuthOptions Get(string? name) => Value;
    public IDisposable? OnChange(Action<AuthOptions, string?> listener) => null;
}

/// <summary>The real password hasher, recording which hashes it verified (to compare the work of two paths).</summary>
public sealed class CountingPasswordHasher : IPasswordHasher<LocalAccount>
{
    private readonly PasswordHasher<LocalAccount> _inner = new();
    private readonly List<string> _verified = [];

    public IReadOnlyList<string> Verified { get { lock (_verified) return [.. _verified]; } }

    public void Clear() { lock (_verified) _verified.Clear(); }

    public string HashPassword(LocalAccount user, string password) => _inner.HashPassword(user, password);

    public PasswordVerificationResult VerifyHashedPassword(LocalAccount user, string hashedPassword, string providedPassword)
    {
        lock (_verified) _verified.Add(hashedPassword);
        return _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
    }
}
