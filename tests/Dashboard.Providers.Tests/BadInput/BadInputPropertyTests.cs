using CsCheck;
using Dashboard.Core.Domain;
using Dashboard.Core.Paging;
using Dashboard.Core.Stores;
using Dashboard.Providers.Tests.Fixtures;
using static Dashboard.Providers.Tests.BadInput.PropertyViolation;

namespace Dashboard.Providers.Tests.BadInput;

/// <summary>
/// Generated bad input through <see cref="ITenantStore"/> on a real backend: <see cref="Cases"/> cases (500 unless
/// BAD_INPUT_CASES says otherwise), each creating and updating a user and an order. The run is deterministic: it
/// starts from a fixed seed (or BAD_INPUT_SEED, a CsCheck seed string), and a failure names both the run's seed
/// and the failing case's own seed, so either the whole run or that case alone can be replayed.
/// </summary>
public abstract class BadInputPropertyTests<TFixture>(TFixture fixture) : IClassFixture<TFixture>
    where TFixture : class, IBackendFixture
{
    /// <summary>The default first seed: any fixed CsCheck seed keeps CI runs repeatable.</summary>
    public static readonly string DefaultSeed = new PCG(7, 20_260_101).ToString();

    private static int Cases => int.TryParse(Environment.GetEnvironmentVariable("BAD_INPUT_CASES"), out var n) && n > 0 ? n : 500;

    private static string FirstSeed => Environment.GetEnvironmentVariable("BAD_INPUT_SEED") is { Length: > 0 } s ? s : DefaultSeed;

    [Fact]
    public async Task Generated_input_is_refused_with_field_messages_or_stored_literally()
    {
        var ct = TestContext.Current.CancellationToken;
        var (tenant, data) = await fixture.CreateTenantAsync(ct);
        var store = new TenantStore(tenant, data, TimeProvider.System, new UlidGenerator());
        var model = new StoreModel();
        var counts = new OutcomeCounts();
        var anchor = await store.CreateUserAsync(new NewUser(EmailSamples.Anchor, "Ada Lovelace"), ct);
        model.Users[anchor.Id] = anchor;
        var runner = new CaseRunner(store, model, counts, ct);

        var started = System.Diagnostics.Stopwatch.StartNew();
        var pcg = PCG.Parse(FirstSeed);
        for (var i = 0; i < Cases; i++)
        {
            var seed = pcg.ToString();
            var c = BadInputCases.All.Generate(pcg, null, out _);
            try
            {
                await runner.RunAsync(c);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Assert.Fail($"Case {i} on {tenant.ProviderKind} failed. The run replays exactly with BAD_INPUT_SEED={FirstSeed} BAD_INPUT_CASES={i + 1}; "
                    + $"the case alone (on a fresh tenant) with BAD_INPUT_SEED={seed} BAD_INPUT_CASES=1.{Environment.NewLine}{c}{Environment.NewLine}{e}");
            }
        }

        var checking = System.Diagnostics.Stopwatch.StartNew();
        await TenantHoldsExactlyTheModelAsync(store, model, ct);
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{tenant.ProviderKind}: {Cases} cases from seed {FirstSeed} in {started.Elapsed.TotalSeconds:F1} s (final whole-tenant check {checking.Elapsed.TotalSeconds:F1} s). {counts}");
        if (Cases >= 100) RequireBothOutcomes(counts);
    }

    /// <summary>Nothing refused left a trace anywhere: the users and each user's orders are exactly the model's.</summary>
    private static async Task TenantHoldsExactlyTheModelAsync(ITenantStore store, StoreModel model, CancellationToken ct)
    {
        var users = new List<User>();
        string? token = null;
        do
        {
            var page = await store.ListUsersAsync(UserQuery.All, new PageRequest(PageRequest.MaxSize, token), ct);
            users.AddRange(page.Items);
            token = page.ContinuationToken;
        } while (token is not null);
        Assert.Equal(model.Users.Keys.Order(StringComparer.Ordinal), users.Select(u => u.Id).Order(StringComparer.Ordinal));
        Assert.All(users, u => Assert.Equal(model.Users[u.Id], u));
        foreach (var user in users)
        {
            var orders = (await store.ListOrdersAsync(user.Id, new PageRequest(PageRequest.MaxSize), ct)).Items;
            Assert.Equal(model.OrdersOf(user.Id), orders);
        }
    }

    /// <summary>
    /// A run where every step only ever succeeded, or only ever failed, tested nothing: each needs a share of both,
    /// and the run must have met each kind of odd value the issue names.
    /// </summary>
    private static void RequireBothOutcomes(OutcomeCounts counts)
    {
        foreach (var step in new[] { "create user", "update user", "create order", "update order" })
        {
            Require(counts.Of(step, "stored") >= Cases / 20, $"{step} stored fewer than 5% of cases: {counts}");
            Require(counts.Of(step, "Validation") >= Cases / 20, $"{step} refused fewer than 5% of cases: {counts}");
        }
        foreach (var label in Coverage.Required) Require(counts.Covered(label) > 0, $"the run never met \"{label}\": {counts}");
    }
}
