namespace Dashboard.Operations.Load;

/// <summary>
/// Gives the calls made before a load run (ping, picking users and orders) the same protection the load's own
/// calls have: a throttled or unavailable answer is not the end of the run. Those are retried with jittered
/// backoff within <see cref="SamplingPatience"/>; when patience runs out the run does not start, with a
/// <see cref="LoadNotStartedException"/> that says why in one line.
/// </summary>
public static class SamplingRetry
{
    public static async Task RunAsync(string tenant, string what, Func<CancellationToken, Task> call, SamplingPatience patience, TimeProvider clock, CancellationToken ct) =>
        await RunAsync(tenant, what, async t =>
        {
            await call(t);
            return true;
        }, patience, clock, ct);

    public static async Task<T> RunAsync<T>(string tenant, string what, Func<CancellationToken, Task<T>> call, SamplingPatience patience, TimeProvider clock, CancellationToken ct)
    {
        var throttledSince = (DateTimeOffset?)null;
        var unavailable = 0;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await call(ct);
            }
            catch (ThrottledException e)
            {
                throttledSince ??= clock.GetUtcNow();
                if (clock.GetUtcNow() - throttledSince >= patience.ThrottledFor)
                    throw new LoadNotStartedException(
                        $"Tenant '{tenant}' kept throttling while {what} for {patience.ThrottledFor.TotalSeconds:0} s, so no load was sent: {e.Message}", e);
            }
            catch (BackendUnavailableException e)
            {
                if (++unavailable >= patience.UnavailableAttempts)
                    throw new LoadNotStartedException(
                        $"Tenant '{tenant}' is unavailable ({unavailable} tries while {what}), so no load was sent: {e.Message}", e);
            }
            await Task.Delay(Backoff.Delay(attempt, patience.BaseDelay, patience.MaxDelay), clock, ct);
        }
    }
}
