using Dashboard.AppStore.Lockout;

namespace Dashboard.Access;

/// <summary>
/// Keeps the access tables bounded: deletes sessions that are over (revoked ones a day later, so Ops can still
/// trace them in the logs' time frame) and trims the lockout counters. Every instance runs it; it is idempotent.
/// </summary>
public sealed class AccessHousekeeping(SessionStore sessions, SignInLockoutStore lockouts, IOptionsMonitor<AuthOptions> options, TimeProvider clock, ILogger<AccessHousekeeping> log)
    : BackgroundService
{
    public static readonly TimeSpan RevokedKeptFor = TimeSpan.FromDays(1);

    public async Task<(int Sessions, int Lockouts)> RunOnceAsync(CancellationToken ct)
    {
        var auth = options.CurrentValue;
        var now = clock.GetUtcNow();
        var ended = await sessions.DeleteEndedAsync(now, now - auth.SessionIdleTimeout, now - RevokedKeptFor, ct);
        var trimmed = await lockouts.TrimAsync(now, auth.Lockout.LockoutDuration, auth.Lockout.MaxTrackedEntries, ct);
        return (ended, trimmed);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(options.CurrentValue.Sessions.HousekeepingInterval, clock, stoppingToken);
                var (ended, trimmed) = await RunOnceAsync(stoppingToken);
                if (ended + trimmed > 0) log.LogInformation("Housekeeping deleted {Sessions} ended sessions and {Lockouts} lockout counters", ended, trimmed);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The app store may be briefly unreachable; the next round tries again.
                log.LogWarning(e, "Access housekeeping failed");
            }
        }
    }
}
