using Dashboard.Core.Demo;

namespace Dashboard.Providers.Tests.Contract;

public abstract partial class StoreContractTests<TFixture>
{
    [Fact]
    public async Task Demo_data_loads_once_and_includes_ada_with_orders()
    {
        Assert.True(await DemoDataSeeder.SeedAsync(Data, Ct, userCount: 40));
        Assert.False(await DemoDataSeeder.SeedAsync(Data, Ct, userCount: 40));

        var ada = await Store.FindUserByEmailAsync(DemoDataGenerator.AdaEmail, Ct);
        Assert.NotNull(ada);
        Assert.True((await Store.ListOrdersAsync(ada.Id, new(10), Ct)).Items.Count >= 3);
        Assert.Equal(40, (await AllUsersAsync()).Count);
    }

    [Fact]
    public async Task An_interrupted_bulk_load_can_be_run_again_without_duplicates()
    {
        var data = DemoDataGenerator.Generate(30);
        await Data.BulkLoadAsync(data.Users.Take(10).ToList(), data.Orders.Take(5).ToList(), Ct);

        await Data.BulkLoadAsync(data.Users, data.Orders, Ct);

        Assert.Equal(data.Users.Select(u => u.Id).Order(), (await AllUsersAsync()).Select(u => u.Id).Order());
        var first = data.Users[0];
        var expected = data.Orders.Where(o => o.UserId == first.Id).Select(o => o.Id).OrderDescending();
        Assert.Equal(expected, (await Store.ListOrdersAsync(first.Id, new(100), Ct)).Items.Select(o => o.Id));
    }
}
