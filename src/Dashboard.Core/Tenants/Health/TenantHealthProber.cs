using Microsoft.Extensions.Hosting;

namespace Dashboard.Core.Tenants.Health;

/// <summary>
/// The one place that pings tenants' backends for health. Every <see cref="TenantHealthOptions.Tick"/> it takes
/// the tenants that are due (never checked first, then the longest overdue), at most
/// <see cref="TenantHealthOptions.MaxProbesPerSecond"/> per second, and pings them at most
/// <see cref="TenantHealthOptions.MaxConcurrency"/> at a time, as the app itself. A reachable tenant is due again
/// after <see cref="TenantHealthOptions.PeriodFor"/>; one that is down after its backoff. The cost is fixed by
/// the options, not by how often anyone asks for health. A ping does not make an idle tenant's store live
/// (<see cref="ITenantBackends.PingAsync"/>).
/// </summary>
public sealed class TenantHealthProber(
    TenantRegistry registry, ITenantBackends backends, TenantHealthCache cache, IOptions<TenantHealthOptions> options,
    TimeProvider clock, ILogger<TenantHealthProber> log) : BackgroundService
{
    private readonly TenantHealthOptions _options = options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_options.Tick, clock);
        do
        {
            try
            {
                await ProbeDueAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogWarning(e, "A tenant health pass failed; the next starts in {Tick}", _options.Tick);
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>One pass: pings the tenants due now (within the per-tick budget) and records each result. Returns how many it pinged.</summary>
    public async Task<int> ProbeDueAsync(CancellationToken ct)
    {
        var due = Due(clock.GetUtcNow());
        await Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = _options.MaxConcurrency, CancellationToken = ct },
            async (tenant, token) => cache.Record(await ProbeAsync(tenant, token)));
        return due.Count;
    }

    private List<TenantDescriptor> Due(DateTimeOffset now)
    {
        var budget = Math.Max(1, (int)Math.Ceiling(_options.MaxProbesPerSecond * _options.Tick.TotalSeconds));
        // A disabled tenant is not pinged: it refuses every call by design, and its backend may be gone for good.
        var enabled = registry.All.Where(t => !t.Disabled).ToList();
        var period = _options.PeriodFor(enabled.Count);
        return enabled
            .Select(t => (Tenant: t, At: NextCheck(cache.Find(t.Id), period)))
            .Where(d => d.At <= now)
            .OrderBy(d => d.At)
            .Take(budget)
            .Select(d => d.Tenant)
            .ToList();
    }

    private DateTimeOffset NextCheck(TenantHealth? last, TimeSpan period) => last switch
    {
        null => DateTimeOffset.MinValue,
        { Reachable: true } => last.CheckedAt + period,
        _ => last.CheckedAt + _options.BackoffAfter(last.Failures),
    };

    private async Task<TenantHealth> ProbeAsync(TenantDescriptor tenant, CancellationToken ct)
    {
        var at = clock.GetUtcNow();
        var started = clock.GetTimestamp();
        var failures = cache.Find(tenant.Id) is { Reachable: false } last ? last.Failures : 0;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(_options.Timeout);
        string? problem = null;
        try
        {
            // WaitAsync gives up at the deadline even if a driver ignores the token.
            await backends.PingAsync(tenant.Id, deadline.Token).WaitAsync(deadline.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            problem = $"no answer within {_options.Timeout.TotalSeconds:0.#} s";
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            problem = e.Message;
        }
        var latency = clock.GetElapsedTime(started);
        return problem is null
            ? new TenantHealth(tenant.Id, true, latency, null, at, 0)
            : new TenantHealth(tenant.Id, false, latency, problem, at, failures + 1);
    }
}
