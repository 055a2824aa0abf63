using Dashboard.Access;
using Dashboard.Core.Access;

namespace Dashboard.Tests.Access;

/// <summary>Local sign-in against a real app store: answers, lockout per address and per account, and equal work for unknown emails.</summary>
public sealed class LocalSignInTests : IAsyncLifetime
{
    private const string Here = "v4:198.51.100.1", There = "v4:198.51.100.2";
    private AccessParts _parts = null!;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _parts = await AccessParts.StartAsync(new AuthOptions
    {
        LocalAccounts =
        [
            new LocalAccount { Email = "agent@example.com", Name = "Sam", PasswordHash = LocalSignIn.Hash("agent-pass-1"), Role = Role.Support, Tenants = ["acme"] },
            new LocalAccount { Email = "gone@example.com", PasswordHash = LocalSignIn.Hash("gone-pass-1"), Role = Role.Ops, Enabled = false },
        ],
        Lockout = new LockoutOptions { MaxFailedAttempts = 3, MaxFailedAttemptsPerAccount = 5, LockoutDuration = TimeSpan.FromMinutes(15) },
    }, Ct);

    public ValueTask DisposeAsync() => _parts.DisposeAsync();

    private Task<SignInResult> Check(string email, string password, string address = Here) => _parts.SignIn.CheckAsync(email, password, address, Ct);

    [Fact]
    public async Task The_right_password_signs_in_with_role_and_grants_and_any_email_case()
    {
        var principal = await _parts.SignedInAsync(" Agent@Example.com ", "agent-pass-1", Ct);
        var person = DashboardClaims.PersonOf(principal);
        Assert.Equal(("agent@example.com", "Sam", Role.Support), (person.Id, person.Name, person.Role));
        Assert.True(person.CanWrite("acme"));
        Assert.False(person.CanRead("initech"));
        Assert.NotNull(DashboardClaims.SessionTokenOf(principal));
    }

    [Fact]
    public async Task A_wrong_password_an_unknown_account_and_a_disabled_account_get_the_same_answer()
    {
        Assert.Equal(LocalSignIn.WrongCredentials, (await Check("agent@example.com", "nope")).Problem);
        Assert.Equal(LocalSignIn.WrongCredentials, (await Check("nobody@example.com", "nope")).Problem);
        Assert.Equal(LocalSignIn.WrongCredentials, (await Check("gone@example.com", "gone-pass-1")).Problem);
    }

    [Fact]
    public async Task An_unknown_email_costs_one_hash_verification_of_the_same_strength_as_a_wrong_password()
    {
        await Check("agent@example.com", "wrong");
        var known = Assert.Single(_parts.Hasher.Verified);
        _parts.Hasher.Clear();
        await Check("nobody@example.com", "wrong");
        var unknown = Assert.Single(_parts.Hasher.Verified);

        Assert.NotEqual(known, unknown);
        Assert.Equal(UnknownAccountHash.IterationsOf(known), UnknownAccountHash.IterationsOf(unknown));
        Assert.Equal(Convert.FromBase64String(known)[..5], Convert.FromBase64String(unknown)[..5]); // format and PRF
    }

    [Fact]
    public void The_dummy_hash_follows_the_iteration_count_most_accounts_use()
    {
        var light = new Microsoft.AspNetCore.Identity.PasswordHasher<LocalAccount>(Microsoft.Extensions.Options.Options.Create(
            new Microsoft.AspNetCore.Identity.PasswordHasherOptions { IterationCount = 20_000 }));
        var accounts = new[] { "a", "b", "c" }.Select(p => new LocalAccount { PasswordHash = light.HashPassword(new(), p) })
            .Append(new LocalAccount { PasswordHash = LocalSignIn.Hash("d") }).ToList();
        var slot = new AuthOptionsSlot(new AuthOptions { LocalAccounts = accounts });
        Assert.Equal(20_000, UnknownAccountHash.IterationsOf(new UnknownAccountHash(slot).Hash));
        slot.Value = new AuthOptions();
        Assert.Equal(UnknownAccountHash.DefaultIterations, UnknownAccountHash.IterationsOf(new UnknownAccountHash(slot).Hash));
    }

    [Fact]
    public async Task Failures_from_one_address_lock_that_address_out_of_the_account_until_the_lockout_ends()
    {
        await Check("agent@example.com", "wrong-1");
        await Check("agent@example.com", "wrong-2");
        Assert.Contains("locked", (await Check("agent@example.com", "wrong-3")).Problem);

        var locked = await Check("agent@example.com", "agent-pass-1");
        Assert.False(locked.Succeeded);
        Assert.Contains("Too many failed attempts", locked.Problem);
        // Someone else, elsewhere, is not locked out by a stranger's guesses.
        Assert.True((await Check("agent@example.com", "agent-pass-1", There)).Succeeded);

        _parts.Clock.Advance(TimeSpan.FromMinutes(16));
        Assert.True((await Check("agent@example.com", "agent-pass-1")).Succeeded);
    }

    [Fact]
    public async Task Failures_spread_over_addresses_lock_the_account_everywhere()
    {
        for (var i = 0; i < 5; i++) await Check("agent@example.com", $"wrong-{i}", $"v4:203.0.113.{i}");
        Assert.Contains("Too many failed attempts", (await Check("agent@example.com", "agent-pass-1", There)).Problem);
        _parts.Clock.Advance(TimeSpan.FromMinutes(16));
        Assert.True((await Check("agent@example.com", "agent-pass-1", There)).Succeeded);
    }

    [Fact]
    public async Task Unknown_emails_lock_exactly_like_accounts()
    {
        for (var i = 0; i < 3; i++) await Check("nobody@example.com", $"wrong-{i}");
        Assert.Contains("Too many failed attempts", (await Check("nobody@example.com", "whatever")).Problem);
    }

    [Fact]
    public async Task A_success_resets_the_count_from_that_address()
    {
        await Check("agent@example.com", "wrong-1");
        await Check("agent@example.com", "wrong-2");
        Assert.True((await Check("agent@example.com", "agent-pass-1")).Succeeded);
        await Check("agent@example.com", "wrong-3");
        await Check("agent@example.com", "wrong-4");
        Assert.True((await Check("agent@example.com", "agent-pass-1")).Succeeded);
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
}
