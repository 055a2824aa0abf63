using Dashboard.Core.Domain;
using Dashboard.Core.Errors;
using Dashboard.Core.Paging;
using static Dashboard.Providers.Tests.BadInput.PropertyViolation;

namespace Dashboard.Providers.Tests.BadInput;

/// <summary>The order steps of a case: create an order for the subject, then update the current order.</summary>
public sealed partial class CaseRunner
{
    private async Task<Order?> CreateOrderAsync(User owner, BadInputCase c)
    {
        var userId = IdSamples.Resolve(c.OrderOwner, owner.Id, c.Salt);
        var ownerReal = userId == owner.Id;
        var input = new NewOrder(userId!, c.Currency.Value!, c.Items.ToItems()!);

        var (order, error) = await AttemptAsync("create order", () => store.CreateOrderAsync(input, ct));
        if (order is null)
        {
            Require(error is ValidationException, $"creating an order ended as {error?.GetType().Name}");
            Require(!(ownerReal && c.Currency.Valid && c.Items.Valid), $"a valid order was refused: {error!.Message}");
            await OrdersReadBackAsync(owner.Id);
            return null;
        }
        Require(ownerReal, $"an order was created for user id {Show.Value(userId)}");
        Require(Expected.Violation(order) is null, $"the created order breaks a rule: {Expected.Violation(order)}");
        var items = Expected.Items(c.Items);
        var wanted = new Order(order.Id, owner.Id, OrderStatus.Pending, items, Expected.Total(items), Expected.Currency(c.Currency.Value),
            order.CreatedAt, order.CreatedAt, 1);
        Require(order == wanted, $"the service returned {Describe(order)}, not the normalised input {Describe(wanted)}");
        model.Orders[order.Id] = order;
        counts.Cover(Coverage.Of(order));
        await ReadsBackAsync(order);
        await OrdersReadBackAsync(owner.Id);
        return order;
    }

    private async Task<Order> UpdateOrderAsync(Order current, BadInputCase c)
    {
        var id = IdSamples.Resolve(c.OrderTarget, current.Id, c.Salt);
        var version = IdSamples.Resolve(c.OrderVersion, current.Version);
        var (idReal, versionOk) = (id == current.Id, version == current.Version);
        var statusOk = Enum.IsDefined(c.Status) && OrderStatusRules.CanMove(current.Status, c.Status);
        // Once shipped, an order's items are a record: only the very same items may be sent again.
        var itemsOk = c.NewItems.Valid && (OrderStatusRules.ItemsEditable(current.Status) || Expected.Items(c.NewItems).SequenceEqual(current.Items));
        var changes = new OrderChanges(c.Status, c.NewItems.ToItems()!);

        var (order, error) = await AttemptAsync("update order", () => store.UpdateOrderAsync(id!, version, changes, ct));
        if (order is null)
        {
            RequireFault(error!, idReal, versionOk, statusOk && itemsOk);
            await ReadsBackAsync(current);
            return current;
        }
        Require(idReal && versionOk && statusOk, $"an update with id {Show.Value(id)}, version {version}, status {c.Status} from {current.Status} succeeded");
        Require(OrderStatusRules.ItemsEditable(current.Status) || order.Items.SequenceEqual(current.Items), $"the items of a {current.Status} order changed");
        Require(Expected.Violation(order) is null, $"the updated order breaks a rule: {Expected.Violation(order)}");
        var items = Expected.Items(c.NewItems);
        var wanted = current with { Status = c.Status, Items = items, Total = Expected.Total(items), UpdatedAt = order.UpdatedAt, Version = current.Version + 1 };
        Require(order == wanted, $"the service returned {Describe(order)}, not the normalised input {Describe(wanted)}");
        model.Orders[order.Id] = order;
        counts.Cover(Coverage.Of(order));
        counts.Cover([$"stored: {current.Status} → {order.Status}"]);
        await ReadsBackAsync(order);
        return order;
    }

    private async Task<Order> StartingOrderAsync(User owner)
    {
        var order = await store.CreateOrderAsync(new NewOrder(owner.Id, "USD", [new OrderItem("SKU-1", "First", 1, 1m)]), ct);
        model.Orders[order.Id] = order;
        return order;
    }

    private async Task ReadsBackAsync(Order order)
    {
        var read = await store.GetOrderAsync(order.Id, ct);
        Require(read == order, $"order {order.Id} reads back as {Describe(read)}, not {Describe(order)}");
    }

    /// <summary>The owner's orders are exactly those the model holds: nothing refused was written.</summary>
    private async Task OrdersReadBackAsync(string userId)
    {
        var listed = (await store.ListOrdersAsync(userId, new PageRequest(PageRequest.MaxSize), ct)).Items;
        var wanted = model.OrdersOf(userId);
        Require(listed.SequenceEqual(wanted), $"user {userId} lists orders [{string.Join(", ", listed.Select(o => o.Id))}], the model [{string.Join(", ", wanted.Select(o => o.Id))}]");
    }

    private static string Describe(Order o) =>
        $"{o.Id} {o.Status} v{o.Version} {Show.Value(o.Total)} {o.Currency} [{string.Join(", ", o.Items.Select(i => $"({Show.Text(i.ProductId)}, {Show.Text(i.ProductName)}, {i.Quantity} × {Show.Value(i.UnitPrice)})"))}]";
}
