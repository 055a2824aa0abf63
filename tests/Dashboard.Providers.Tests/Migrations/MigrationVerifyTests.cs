using Dashboard.Core.Domain;
using Dashboard.Operations.Migrations;

namespace Dashboard.Providers.Tests.Migrations;

/// <summary>Verification names every difference exactly: the entity, its id, and each field's two values.</summary>
[Collection(MigrationCollection.Name)]
[Trait("Backend", "All")]
public sealed class MigrationVerifyTests(AllBackendsFixture backends)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(AllBackendsFixture.Fauna, AllBackendsFixture.PlanetScale)]
    [InlineData(AllBackendsFixture.PlanetScale, AllBackendsFixture.DynamoDb)]
    public async Task An_altered_target_is_reported_entity_by_entity(string from, string to)
    {
        var world = await MigrationWorld.StartAsync(backends, from, to, Ct);
        Assert.True((await world.Migrator.RunAsync(world.Request(), null, null, Ct)).Verification.Clean);
        // Behind the migration's back: one order's status and total changed on the target, one user only there.
        var order = (await MigrationWorld.OrdersAsync(world.Target, Ct)).First(o => o.Status == OrderStatus.Pending);
        var altered = order with { Status = OrderStatus.Cancelled, Total = order.Total + 1m, Version = order.Version + 1 };
        await world.Target.UpdateOrderAsync(altered, order, Ct);
        var stray = new User("01J" + new string('Z', 23), "stray@example.com", "Stray", null, order.CreatedAt, order.CreatedAt, 1);
        await world.Target.BulkLoadAsync([stray], [], Ct);

        var verified = (await world.Migrator.RunAsync(world.Request(verifyOnly: true), null, null, Ct)).Verification;

        Assert.False(verified.Clean);
        Assert.Equal(verified.SourceUsers + 1, verified.TargetUsers);
        Assert.Equal(
        [
            $"User {stray.Id}: on the target only",
            $"Order {order.Id}: status is Pending on the source, Cancelled on the target; "
                + $"total is {Amount(order.Total)} on the source, {Amount(order.Total + 1m)} on the target; "
                + $"version is {order.Version} on the source, {order.Version + 1} on the target",
        ], verified.Differences.Select(d => d.ToString()).OrderDescending());
        Assert.EndsWith(", 2 differences", verified.Summary);
    }

    private static string Amount(decimal value) => value.ToString("0.############################", System.Globalization.CultureInfo.InvariantCulture);
}
