using Dashboard.Core.Errors;
using Dashboard.Core.Migrations;
using Dashboard.Core.Stores;
using Dashboard.Core.Tenants;
using Microsoft.Extensions.Options;

namespace Dashboard.Tests.Migrations;

/// <summary>
/// The cut-over's write gate: which store operations it holds back (every operation classified, so a new write
/// cannot pass as a read), and its per-tenant gates, forgotten once idle and open without ever racing a close.
/// </summary>
public sealed class WriteGateTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly StoreOperation[] Writes =
        [StoreOperation.InsertUser, StoreOperation.UpdateUser, StoreOperation.InsertOrder, StoreOperation.UpdateOrder, StoreOperation.BulkLoad];

    [Fact]
    public void Every_store_operation_is_classified_and_exactly_the_entity_writes_are_writes()
    {
        Assert.Equal(StoreOperations.Count, StoreOperations.All.Count);
        // Throws for an operation IsWrite does not name: adding one to the enum fails here until it is classified.
        var writes = StoreOperations.All.Where(StoreOperations.IsWrite).ToList();

        Assert.Equal(Writes.Order(), writes.Order());
        Assert.Throws<ArgumentOutOfRangeException>(() => StoreOperations.IsWrite((StoreOperation)StoreOperations.Count));
    }

    private static TenantWriteGate NewGate() => new(new TenantRegistry(Options.Create(new TenantsOptions()), []));

    private static TenantDescriptor Tenant(string id) => new(id, id, "Sqlite", new Dictionary<string, string?>());

    [Fact]
    public void Tenants_that_wrote_once_leave_no_gate_behind()
    {
        var gate = NewGate();

        for (var i = 0; i < 1000; i++)
        {
            using var first = gate.Enter(Tenant($"t{i}"));
            using var second = gate.Enter(Tenant($"t{i}"));
        }

        Assert.Equal(0, gate.Kept);
        using (gate.Enter(Tenant("busy"))) Assert.Equal(1, gate.Kept);
        Assert.Equal(0, gate.Kept);
    }

    [Fact]
    public async Task A_closed_gate_is_kept_until_it_opens_and_then_forgotten()
    {
        var gate = NewGate();
        var ticket = gate.Enter(Tenant("moving"));
        var closing = gate.CloseAsync("moving", "read-only while it moves", Ct);

        // The write in flight keeps the close waiting; a new one is refused.
        Assert.False(closing.IsCompleted);
        Assert.Throws<TenantReadOnlyException>(() => gate.Enter(Tenant("moving")));
        ticket.Dispose();
        await closing;
        Assert.Equal(1, gate.Kept);
        Assert.Equal("read-only while it moves", gate.ClosedBecause("moving"));
        Assert.Throws<TenantReadOnlyException>(() => gate.Enter(Tenant("moving")));

        gate.Open("moving");

        Assert.Equal(0, gate.Kept);
        Assert.Null(gate.ClosedBecause("moving"));
        using (gate.Enter(Tenant("moving"))) { }
        // Closing a tenant with nothing in flight (no gate kept) closes at once, and keeps it closed.
        await gate.CloseAsync("idle", "read-only", Ct);
        Assert.Throws<TenantReadOnlyException>(() => gate.Enter(Tenant("idle")));
    }

    [Fact]
    public async Task A_close_racing_writers_whose_gate_comes_and_goes_waits_for_every_write_that_entered()
    {
        var gate = NewGate();
        var inFlight = 0;
        var enteredAfterClose = 0;
        var closed = 0;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        // Writers enter and leave as fast as they can, so the tenant's gate is forgotten and made again all the time.
        var writers = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                IDisposable ticket;
                try
                {
                    ticket = gate.Enter(Tenant("raced"));
                }
                catch (TenantReadOnlyException)
                {
                    await Task.Yield();
                    continue;
                }
                if (Volatile.Read(ref closed) == 1) Interlocked.Increment(ref enteredAfterClose);
                Interlocked.Increment(ref inFlight);
                await Task.Yield();
                Interlocked.Decrement(ref inFlight);
                ticket.Dispose();
            }
        })).ToList();
        await Task.Delay(100, Ct);

        await gate.CloseAsync("raced", "cut-over", Ct);
        Volatile.Write(ref closed, 1);
        // Every write that entered before the close had left when it returned; none entered after.
        Assert.Equal(0, Volatile.Read(ref inFlight));
        await Task.Delay(100, Ct);
        await stop.CancelAsync();
        await Task.WhenAll(writers);

        Assert.Equal(0, enteredAfterClose);
        Assert.Equal(1, gate.Kept);
        gate.Open("raced");
        Assert.Equal(0, gate.Kept);
    }
}
