using Dashboard.Core.Domain;

namespace Dashboard.Providers.Tests.Contract;

public abstract partial class StoreContractTests<TFixture>
{
    public static TheoryData<string, string> BadOrders => new()
    {
        { "quantity 0", "items[0].quantity" },
        { "quantity 1001", "items[0].quantity" },
        { "negative price", "items[0].unitPrice" },
        { "three decimals", "items[0].unitPrice" },
        { "price too large", "items[0].unitPrice" },
        { "no items", "items" },
        { "51 items", "items" },
        { "empty product name", "items[0].productName" },
        { "overlong product id", "items[0].productId" },
        { "bad currency", "currency" },
        { "total too large", "items" },
    };

    private static NewOrder BadOrder(string userId, string problem) => problem switch
    {
        "quantity 0" => new(userId, "USD", [Item(quantity: 0)]),
        "quantity 1001" => new(userId, "USD", [Item(quantity: 1001)]),
        "negative price" => new(userId, "USD", [Item(price: -0.01m)]),
        "three decimals" => new(userId, "USD", [Item(price: 1.005m)]),
        "price too large" => new(userId, "USD", [Item(price: 100_000_000m)]),
        "no items" => new(userId, "USD", []),
        "51 items" => new(userId, "USD", Enumerable.Range(0, 51).Select(i => Item($"P{i}")).ToList()),
        "empty product name" => new(userId, "USD", [new OrderItem("SKU-1", " ", 1, 1m)]),
        "overlong product id" => new(userId, "USD", [new OrderItem(new string('p', 65), "Thing", 1, 1m)]),
        "bad currency" => new(userId, "US", [Item()]),
        "total too large" => new(userId, "USD", [Item("A", 1000, 99_999_999.99m)]),
        _ => throw new ArgumentOutOfRangeException(nameof(problem)),
    };

    [Theory]
    [MemberData(nameof(BadOrders))]
    public async Task Bad_order_input_is_refused_and_nothing_is_stored(string problem, string field)
    {
        var user = await NewUserAsync();

        await AssertInvalidAsync(field, () => Store.CreateOrderAsync(BadOrder(user.Id, problem), Ct));

        Assert.Empty((await Store.ListOrdersAsync(user.Id, new(10), Ct)).Items);
    }

    [Fact]
    public async Task The_largest_allowed_amounts_are_stored_exactly()
    {
        var user = await NewUserAsync();

        var order = await NewOrderAsync(user.Id, Item("A", 1, 99_999_999.99m));

        var read = await Store.GetOrderAsync(order.Id, Ct);
        Assert.Equal(99_999_999.99m, read.Total);
        Assert.Equal(99_999_999.99m, read.Items[0].UnitPrice);
    }

    [Fact]
    public async Task Fifty_items_are_accepted_and_kept_in_order()
    {
        var user = await NewUserAsync();
        var items = Enumerable.Range(0, 50).Select(i => Item($"P{i:D2}", i % 7 + 1, i * 1.25m)).ToArray();

        var order = await NewOrderAsync(user.Id, items);

        var read = await Store.GetOrderAsync(order.Id, Ct);
        Assert.Equal(items, read.Items);
        Assert.Equal(items.Sum(i => i.Quantity * i.UnitPrice), read.Total);
    }
}
