using CsCheck;
using Dashboard.Core.Domain;
using Dashboard.Core.Validation;

namespace Dashboard.Providers.Tests.BadInput;

public sealed record UserInput(Sample<string?> Email, Sample<string?> Name, Sample<string?> AvatarUrl)
{
    public bool Valid => Email.Valid && Name.Valid && AvatarUrl.Valid;

    public override string ToString() => $"email {Email}, name {Name}, avatar {AvatarUrl}";
}

public sealed record ItemInput(Sample<string?> ProductId, Sample<string?> ProductName, int Quantity, decimal UnitPrice)
{
    public bool Valid => ProductId.Valid && ProductName.Valid && NumberSamples.QuantityValid(Quantity) && NumberSamples.UnitPriceValid(UnitPrice);

    public OrderItem ToItem() => new(ProductId.Value!, ProductName.Value!, Quantity, UnitPrice);

    public override string ToString() => $"({ProductId}, {ProductName}, {Quantity} × {Show.Value(UnitPrice)})";
}

/// <summary>The items of an order as sent: null, or a list that may hold null entries.</summary>
public sealed record ItemsInput(IReadOnlyList<ItemInput?>? Items)
{
    /// <summary>Certainly accepted: 1–50 valid items whose total fits (computed here only for valid, bounded items).</summary>
    public bool Valid => Items is { Count: >= OrderRules.MinItems and <= OrderRules.MaxItems }
        && Items.All(i => i is { Valid: true })
        && Items.Sum(i => i!.Quantity * i.UnitPrice) <= OrderRules.MaxAmount;

    public IReadOnlyList<OrderItem>? ToItems() => Items?.Select(i => i?.ToItem()!).ToList();

    public override string ToString() => Items is null ? "null" : $"[{Items.Count}: {string.Join(", ", Items.Take(4).Select(i => i?.ToString() ?? "null"))}{(Items.Count > 4 ? ", …" : "")}]";
}

/// <summary>
/// One generated case: create a user, update a user, create an order, update an order, each with its own input,
/// addressed id and expected version. The steps run in that order against one tenant.
/// </summary>
public sealed record BadInputCase(
    UserInput NewUser,
    UserInput Changes, IdPick UserTarget, VersionPick UserVersion,
    Sample<string?> Currency, ItemsInput Items, IdPick OrderOwner,
    OrderStatus Status, ItemsInput NewItems, IdPick OrderTarget, VersionPick OrderVersion,
    int Salt)
{
    public override string ToString() => string.Join(Environment.NewLine,
        $"  create user: {NewUser}",
        $"  update user {UserTarget} at {UserVersion}: {Changes}",
        $"  create order for {OrderOwner}: currency {Currency}, items {Items}",
        $"  update order {OrderTarget} at {OrderVersion}: status {Status}, items {NewItems}",
        $"  salt {Salt}");
}

public static class BadInputCases
{
    private static readonly Gen<UserInput> User = Gen.Frequency(
        (2, Gen.Select(EmailSamples.Fresh, TextSamples.FriendlyName(UserRules.NameMax), EmailSamples.AvatarUrl, (e, n, a) => new UserInput(e, n, a))),
        (3, Gen.Select(EmailSamples.Any, TextSamples.Name(UserRules.NameMax), EmailSamples.AvatarUrl, (e, n, a) => new UserInput(e, n, a))));

    /// <summary>Items whose every field is fine, so that most orders get stored and their read-back is checked.</summary>
    private static readonly Gen<ItemInput?> OrdinaryItem = Gen.Select(TextSamples.PlainName(OrderRules.ProductIdMax), TextSamples.FriendlyName(OrderRules.ProductNameMax),
        Gen.Frequency((1, Gen.OneOf(OrderRules.MinQuantity, OrderRules.MaxQuantity)), (4, Gen.Int[OrderRules.MinQuantity, OrderRules.MaxQuantity])),
        NumberSamples.OrdinaryPrice, (id, name, q, p) => (ItemInput?)new ItemInput(id, name, q, p));

    /// <summary>Small lines, so that fifty of them still fit the order total.</summary>
    private static readonly Gen<ItemInput?> CheapItem = Gen.Select(TextSamples.PlainName(OrderRules.ProductIdMax), TextSamples.PlainName(OrderRules.ProductNameMax),
        Gen.Int[1, 10], Gen.Int[0, 9_999].Select(cents => cents / 100m), (id, name, q, p) => (ItemInput?)new ItemInput(id, name, q, p));

    private static readonly Gen<ItemInput?> AnyItem = Gen.Frequency(
        (1, Gen.Const(default(ItemInput))),
        (60, Gen.Select(TextSamples.Identifier(OrderRules.ProductIdMax), TextSamples.Name(OrderRules.ProductNameMax), NumberSamples.Quantity, NumberSamples.UnitPrice,
            (id, name, q, p) => (ItemInput?)new ItemInput(id, name, q, p))));

    private static readonly Gen<ItemsInput> Items = Gen.Frequency(
        (1, Gen.Const(new ItemsInput(null))),
        (1, Gen.Const(new ItemsInput([]))),
        (12, OrdinaryItem.List[1, 3].Select(l => new ItemsInput(l))),
        (3, Gen.Frequency((3, OrdinaryItem), (1, AnyItem)).List[1, 4].Select(l => new ItemsInput(l))),
        (6, AnyItem.List[1, 4].Select(l => new ItemsInput(l))),
        (2, CheapItem.List[OrderRules.MaxItems, OrderRules.MaxItems + 1].Select(l => new ItemsInput(l))),
        (1, Gen.Frequency((3, OrdinaryItem), (1, AnyItem)).List[OrderRules.MaxItems, OrderRules.MaxItems + 1].Select(l => new ItemsInput(l))));

    private static readonly Gen<Sample<string?>> Currency = Gen.Frequency(
        (2, Gen.OneOf(Sample.Of("USD", true), Sample.Of("EUR", true))),
        (3, Gen.OneOf(
            Sample.Of("USD", true), Sample.Of("eur", true), Sample.Of(" GBP ", true), Sample.Of("JPY", true), Sample.Of("US", false), Sample.Of("USDD", false),
            Sample.Of("", false), Sample.Of(null, false), Sample.Of("ＵＳＤ", false), Sample.Of("U\u200BSD", false), Sample.Of("123", false),
            Sample.Of("usd\0", false), Sample.Of("ÜSD", false))));

    private static readonly Gen<OrderStatus> Status = Gen.Frequency(
        (6, Gen.Enum<OrderStatus>()),
        (1, Gen.OneOf((OrderStatus)99, (OrderStatus)(-1))));

    public static readonly Gen<BadInputCase> All =
        Gen.Select(User, User, IdSamples.Id, IdSamples.Version)
            .Select(Gen.Select(Currency, Items, IdSamples.Id), Gen.Select(Status, Items, IdSamples.Id, IdSamples.Version), Gen.Int[0, 1_000_000],
                (user, order, edit, salt) => new BadInputCase(
                    user.Item1, user.Item2, user.Item3, user.Item4,
                    order.Item1, order.Item2, order.Item3,
                    edit.Item1, edit.Item2, edit.Item3, edit.Item4,
                    salt));
}
