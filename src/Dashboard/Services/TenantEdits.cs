namespace Dashboard.Services;

/// <summary>The edit forms of a tenant's stored users and orders, saving to the person's store of that tenant.</summary>
public static class TenantEdits
{
    public static DraftEdit<User, UserDraft> EditUser(this GuardedCalls calls, TenantScope scope, User stored) => new(
        calls.Edit(scope.Id),
        user => new UserDraft(user),
        save: draft => scope.Store.UpdateUserAsync(draft.Basis.Id, draft.Basis.Version, draft.ToChanges()),
        reload: user => scope.Store.GetUserAsync(user.Id),
        saved: _ => "Saved.",
        stored);

    public static DraftEdit<Order, OrderDraft> EditOrder(this GuardedCalls calls, TenantScope scope, Order stored) => new(
        calls.Edit(scope.Id),
        order => new OrderDraft(order),
        save: draft => scope.Store.UpdateOrderAsync(draft.Basis.Id, draft.Basis.Version, draft.ToChanges()),
        reload: order => scope.Store.GetOrderAsync(order.Id),
        saved: order => $"Order saved: {order.Status}, total {order.Total:N2} {order.Currency}.",
        stored);
}
