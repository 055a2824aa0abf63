namespace Dashboard.Core.Stores;

/// <summary>
/// The domain service over one tenant's backend: everything that must behave the same on every provider
/// (validation, normalisation, ids, totals, transitions, versions) lives here, once.
/// </summary>
public sealed class TenantStore(TenantDescriptor tenant, IDataStore data, TimeProvider clock, UlidGenerator ids) : ITenantStore
{
    public TenantDescriptor Tenant { get; } = tenant;

    public Task<Page<User>> ListUsersAsync(UserQuery query, PageRequest page, CancellationToken ct = default)
    {
        CheckPage(page);
        if (query.NormalizedPrefix is { } prefix && (!TextRules.IsWellFormed(prefix) || prefix.Length > UserRules.EmailMax))
            throw new ValidationException("q", "The search text is too long or contains characters that cannot be searched.");
        return data.ListUsersAsync(query, page, ct);
    }

    public async Task<User> GetUserAsync(string id, CancellationToken ct = default) =>
        (IsId(id) ? await data.GetUserAsync(id, ct) : null) ?? throw new NotFoundException("User", id);

    public Task<User?> FindUserByEmailAsync(string email, CancellationToken ct = default)
    {
        var clean = UserRules.NormalizeEmail(email ?? "");
        return clean.Length is 0 or > UserRules.EmailMax || !TextRules.IsWellFormed(clean)
            ? Task.FromResult<User?>(null)
            : data.FindUserByEmailAsync(clean, ct);
    }

    public async Task<User> CreateUserAsync(NewUser user, CancellationToken ct = default)
    {
        var clean = UserRules.Normalize(user.Email, user.Name, user.AvatarUrl);
        var now = Now();
        var created = new User(ids.Next(now), clean.Email, clean.Name, clean.AvatarUrl, now, now, Version: 1);
        await data.InsertUserAsync(created, ct);
        return created;
    }

    public async Task<User> UpdateUserAsync(string id, long expectedVersion, UserChanges changes, CancellationToken ct = default)
    {
        var clean = UserRules.Normalize(changes.Email, changes.Name, changes.AvatarUrl);
        var current = await GetUserAsync(id, ct);
        if (current.Version != expectedVersion) throw new ConflictException("User", id, expectedVersion);
        var updated = current with
        {
            Email = clean.Email,
            Name = clean.Name,
            AvatarUrl = clean.AvatarUrl,
            UpdatedAt = Now(),
            Version = expectedVersion + 1,
        };
        await data.UpdateUserAsync(updated, current, ct);
        return updated;
    }

    public async Task<Page<Order>> ListOrdersAsync(string userId, PageRequest page, CancellationToken ct = default)
    {
        CheckPage(page);
        await GetUserAsync(userId, ct);
        return await data.ListOrdersAsync(userId, page, ct);
    }

    public async Task<Order> GetOrderAsync(string id, CancellationToken ct = default) =>
        (IsId(id) ? await data.GetOrderAsync(id, ct) : null) ?? throw new NotFoundException("Order", id);

    public Task<Page<Order>> ListTenantOrdersAsync(OrderQuery query, PageRequest page, CancellationToken ct = default)
    {
        CheckPage(page);
        query.Check();
        return data.ListTenantOrdersAsync(query, page, ct);
    }

    public Task<OrderStatusCounts> CountOrdersByStatusAsync(CancellationToken ct = default) => data.CountOrdersByStatusAsync(ct);

    public async Task<Order> CreateOrderAsync(NewOrder order, CancellationToken ct = default)
    {
        var errors = new ValidationErrors();
        var currency = OrderRules.CheckCurrency(errors, order.Currency);
        var items = OrderRules.CheckItems(errors, order.Items);
        var total = OrderRules.Total(errors, items);
        // Users are never deleted, so checking the owner before the insert cannot race with a removal.
        if (!IsId(order.UserId) || await data.GetUserAsync(order.UserId, ct) is null)
            errors.Add("userId", "No user with this id exists in this tenant.");
        errors.ThrowIfAny();

        var now = Now();
        var created = new Order(ids.Next(now), order.UserId, OrderStatus.Pending, items, total, currency, now, now, Version: 1);
        await data.InsertOrderAsync(created, ct);
        return created;
    }

    public async Task<Order> UpdateOrderAsync(string id, long expectedVersion, OrderChanges changes, CancellationToken ct = default)
    {
        var current = await GetOrderAsync(id, ct);
        if (current.Version != expectedVersion) throw new ConflictException("Order", id, expectedVersion);

        var errors = new ValidationErrors();
        if (!Enum.IsDefined(changes.Status)) errors.Add("status", "Unknown status.");
        var items = OrderRules.CheckItems(errors, changes.Items);
        var total = OrderRules.Total(errors, items);
        if (errors.IsEmpty) OrderRules.CheckChange(errors, current, changes with { Items = items });
        errors.ThrowIfAny();

        // The backend writes only if the version is still the one the transition was checked against.
        var updated = current with { Status = changes.Status, Items = items, Total = total, UpdatedAt = Now(), Version = expectedVersion + 1 };
        await data.UpdateOrderAsync(updated, current, ct);
        return updated;
    }

    public async Task<BackendHealth> CheckHealthAsync(CancellationToken ct = default)
    {
        var started = clock.GetTimestamp();
        try
        {
            await data.PingAsync(ct);
            return new BackendHealth(true, clock.GetElapsedTime(started));
        }
        catch (StoreException e)
        {
            return new BackendHealth(false, clock.GetElapsedTime(started), e.Message);
        }
    }

    /// <summary>Timestamps at millisecond precision, which every backend keeps exactly.</summary>
    private DateTimeOffset Now()
    {
        var now = clock.GetUtcNow();
        return now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMillisecond));
    }

    private static bool IsId(string? id) => UlidGenerator.IsValid(id);

    private static void CheckPage(PageRequest page)
    {
        if (page.Size is < 1 or > PageRequest.MaxSize)
            throw new ValidationException("pageSize", $"Page size must be between 1 and {PageRequest.MaxSize}.");
    }
}
