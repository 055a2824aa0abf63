using Dashboard.Access;
using Dashboard.Core.Access;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Dashboard.Tests.Access;

public sealed class LocalSignInTests
{
    private readonly ManualClock _clock = new();
    private readonly LocalSignIn _signIn;

    public LocalSignInTests()
    {
        var options = new AuthOptions
        {
            LocalAccounts =
            [
                new LocalAccount { Email = "agent@example.com", Name = "Sam", PasswordHash = LocalSignIn.Hash("agent-pass-1"), Role = Role.Support, Tenants = ["acme"] },
            ],
            Lockout = new LockoutOptions { MaxFailedAttempts = 3, LockoutDuration = TimeSpan.FromMinutes(15) },
        };
        var monitor = new StaticOptions(options);
        _signIn = new LocalSignIn(monitor, new SignInLockout(monitor, _clock), NullLogger<LocalSignIn>.Instance);
    }

    [Fact]
    public void The_right_password_signs_in_with_role_and_grants_and_any_email_case()
    {
        var result = _signIn.Check(" Agent@Example.com ", "agent-pass-1");
        var person = DashboardClaims.PersonOf(result.Principal);
        Assert.Equal(("agent@example.com", "Sam", Role.Support), (person.Id, person.Name, person.Role));
        Assert.True(person.CanWrite("acme"));
        Assert.False(person.CanRead("initech"));
    }

    [Fact]
    public void A_wrong_password_and_an_unknown_account_get_the_same_answer()
    {
        Assert.Equal(LocalSignIn.WrongCredentials, _signIn.Check("agent@example.com", "nope").Problem);
        Assert.Equal(LocalSignIn.WrongCredentials, _signIn.Check("nobody@example.com", "nope").Problem);
    }

    [Fact]
    public void Repeated_failures_lock_the_account_even_for_the_right_password_until_the_lockout_ends()
    {
        _signIn.Check("agent@example.com", "wrong-1");
        _signIn.Check("agent@example.com", "wrong-2");
        Assert.Contains("locked", _signIn.Check("agent@example.com", "wrong-3").Problem);

        var locked = _signIn.Check("agent@example.com", "agent-pass-1");
        Assert.False(locked.Succeeded);
        Assert.Contains("Too many failed attempts", locked.Problem);

        _clock.Advance(TimeSpan.FromMinutes(16));
        Assert.True(_signIn.Check("agent@example.com", "agent-pass-1").Succeeded);
    }

    [Fact]
    public void A_success_resets_the_count()
    {
        _signIn.Check("agent@example.com", "wrong-1");
        _signIn.Check("agent@example.com", "wrong-2");
        Assert.True(_signIn.Check("agent@example.com", "agent-pass-1").Succeeded);
        _signIn.Check("agent@example.com", "wrong-3");
        _signIn.Check("agent@example.com", "wrong-4");
        Assert.True(_signIn.Check("agent@example.com", "agent-pass-1").Succeeded);
    }

    [Fact]
    public void The_demo_account_hashes_in_development_settings_match_the_documented_passwords()
    {
        var settings = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoRoot(), "appsettings.Development.json")));
        var accounts = settings.RootElement.GetProperty("Auth").GetProperty("LocalAccounts").EnumerateArray()
            .ToDictionary(a => a.GetProperty("Email").GetString()!, a => a.GetProperty("PasswordHash").GetString()!);
        var hasher = new Microsoft.AspNetCore.Identity.PasswordHasher<LocalAccount>();
        foreach (var (email, password) in new[] { ("ops@example.com", "ops-pass-1"), ("agent@example.com", "agent-pass-1"), ("viewer@example.com", "viewer-pass-1") })
            Assert.NotEqual(Microsoft.AspNetCore.Identity.PasswordVerificationResult.Failed, hasher.VerifyHashedPassword(new(), accounts[email], password));
        // Production settings carry no account at all.
        var production = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoRoot(), "appsettings.json")));
        Assert.Equal(0, production.RootElement.GetProperty("Auth").GetProperty("LocalAccounts").GetArrayLength());
    }

    internal static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Dashboard.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Dashboard.sln not found above the test output.");
    }

    private sealed class ManualClock : TimeProvider
    {
        private DateTimeOffset _now = DateTimeOffset.Parse("2026-01-01T00:00:00Z");
        public override DateTimeOffset GetUtcNow() => _now;
        public void Advance(TimeSpan by) => _now += by;
    }

    private sealed class StaticOptions(AuthOptions value) : IOptionsMonitor<AuthOptions>
    {
        public AuthOptions CurrentValue => value;
        public AuthOptions Get(string? name) => value;
        public IDisposable? OnChange(Action<AuthOptions, string?> listener) => null;
    }
}
