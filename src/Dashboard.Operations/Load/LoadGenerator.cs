using System.Collections.Concurrent;
using System.Diagnostics;
using Dashboard.Core.Domain;
using Dashboard.Core.Paging;

namespace Dashboard.Operations.Load;

/// <summary>
/// An open-loop load at a fixed rate with a support agent's mix: mostly lists and lookups (users pages, a
/// user's orders, an order), some profile saves and a few new or changed orders. Writes keep the demo data
/// valid: a profile is saved as it is (a real versioned write), new orders are ordinary ones. One page of
/// users is sampled first, under <see cref="SamplingRetry"/>: a throttling or briefly unreachable backend
/// delays the run, one that stays down stops it before any load with a <see cref="LoadNotStartedException"/>.
/// Orders to open are the ones the run's own order lists return, so no other call has to succeed first.
/// Another <see cref="LoadMix"/> changes the shares (the comparison page's workloads), not how calls are made.
/// </summary>
public sealed class LoadGenerator(ITenantStore store, TimeProvider? clock = null, LoadMix? mix = null)
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private readonly LoadMix _mix = mix ?? LoadMix.Realistic;
    private readonly List<User> _users = [];
    private readonly OrderIdPool _orderIds = new();
    private readonly ConcurrentDictionary<StoreOutcome, long> _outcomes = new();

    public async Task<LoadSummary> RunAsync(LoadPlan plan, CancellationToken ct)
    {
        await SampleAsync(plan.Sampling, ct);
        var interval = TimeSpan.FromSeconds(1.0 / Math.Max(1, plan.RatePerSecond));
        var total = (long)(plan.Duration.TotalSeconds * plan.RatePerSecond);
        var inFlight = 0;
        long started = 0, skipped = 0;
        var running = new List<Task>();
        var elapsed = Stopwatch.StartNew();
        while (started + skipped < total && !ct.IsCancellationRequested)
        {
            var due = (long)(elapsed.Elapsed / interval) + 1;
            while (started + skipped < Math.Min(due, total))
            {
                if (Volatile.Read(ref inFlight) >= plan.MaxInFlight)
                {
                    skipped++;
                    continue;
                }
                started++;
                Interlocked.Increment(ref inFlight);
                running.Add(Task.Run(async () =>
                {
                    try { await OneCallAsync(ct); }
                    finally { Interlocked.Decrement(ref inFlight); }
                }, CancellationToken.None));
            }
            running.RemoveAll(t => t.IsCompleted);
            await Task.Delay(1, CancellationToken.None);
        }
        await Task.WhenAll(running);
        return new LoadSummary(started, skipped, new Dictionary<StoreOutcome, long>(_outcomes), elapsed.Elapsed);
    }

    private async Task SampleAsync(SamplingPatience patience, CancellationToken ct)
    {
        var tenant = store.Tenant.Id;
        var page = await SamplingRetry.RunAsync(tenant, "picking users",
            t => store.ListUsersAsync(UserQuery.All, new PageRequest(PageRequest.MaxSize), t), patience, _clock, ct);
        _users.AddRange(page.Items);
        if (_users.Count == 0)
            throw new LoadNotStartedException($"Tenant '{tenant}' has no users to load; seed demo data first (Settings:SeedDemoData).");
    }

    private async Task OneCallAsync(CancellationToken ct)
    {
        var r = Random.Shared.NextDouble();
        var user = _users[Random.Shared.Next(_users.Count)];
        try
        {
            switch (_mix.Pick(r))
            {
                case LoadAction.ListUsers: await store.ListUsersAsync(UserQuery.All, new PageRequest(), ct); break;
                case LoadAction.SearchUsers: await store.ListUsersAsync(new UserQuery(UserSortField.Name, user.Name[..Math.Min(2, user.Name.Length)]), new PageRequest(), ct); break;
                case LoadAction.GetUser: await store.GetUserAsync(user.Id, ct); break;
                case LoadAction.FindUserByEmail: await store.FindUserByEmailAsync(user.Email, ct); break;
                case LoadAction.ListOrders: await ListOrdersAsync(user.Id, ct); break;
                case LoadAction.GetOrder: await GetOrderAsync(user.Id, ct); break;
                case LoadAction.ListTenantOrders: await store.ListTenantOrdersAsync(OrderQuery.All, new PageRequest(), ct); break;
                case LoadAction.CountOrders: await store.CountOrdersByStatusAsync(ct); break;
                case LoadAction.SaveProfile: await SaveProfileAsync(user.Id, ct); break;
                case LoadAction.CreateUser: await store.CreateUserAsync(new NewUser($"load.{Guid.NewGuid():N}@example.com", "Load User"), ct); break;
                case LoadAction.CreateOrder: await CreateOrderAsync(user.Id, ct); break;
                default: await AdvanceOrderAsync(user.Id, ct); break;
            }
            Count(StoreOutcome.Ok);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            Count(StoreOutcomes.Of(e));
        }
    }

    private void Count(StoreOutcome outcome) => _outcomes.AddOrUpdate(outcome, 1, (_, n) => n + 1);

    private async Task ListOrdersAsync(string userId, CancellationToken ct)
    {
        foreach (var order in (await store.ListOrdersAsync(userId, new PageRequest(10), ct)).Items) _orderIds.Add(order.Id);
    }

    /// <summary>Opens an order seen earlier; before the run has seen any, lists a user's orders instead (a real call either way).</summary>
    private async Task GetOrderAsync(string userId, CancellationToken ct)
    {
        if (_orderIds.Pick() is { } id) await store.GetOrderAsync(id, ct);
        else await ListOrdersAsync(userId, ct);
    }

    private async Task SaveProfileAsync(string userId, CancellationToken ct)
    {
        var current = await store.GetUserAsync(userId, ct);
        await store.UpdateUserAsync(current.Id, current.Version, new UserChanges(current.Email, current.Name, current.AvatarUrl), ct);
    }

    private async Task CreateOrderAsync(string userId, CancellationToken ct)
    {
        var items = Enumerable.Range(1, Random.Shared.Next(1, 4))
            .Select(i => new OrderItem($"sku-{i}", $"Load item {i}", Random.Shared.Next(1, 5), 9.99m))
            .ToList();
        var order = await store.CreateOrderAsync(new NewOrder(userId, "USD", items), ct);
        _orderIds.Add(order.Id);
    }

    private async Task AdvanceOrderAsync(string userId, CancellationToken ct)
    {
        if (_orderIds.Pick() is not { } id)
        {
            await ListOrdersAsync(userId, ct);
            return;
        }
        var order = await store.GetOrderAsync(id, ct);
        var next = order.Status switch
        {
            OrderStatus.Pending => OrderStatus.Processing,
            OrderStatus.Processing => OrderStatus.Shipped,
            OrderStatus.Shipped => OrderStatus.Delivered,
            _ => order.Status,
        };
        if (next != order.Status) await store.UpdateOrderAsync(order.Id, order.Version, new OrderChanges(next, order.Items), ct);
    }
}
