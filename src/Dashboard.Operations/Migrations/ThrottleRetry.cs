namespace Dashboard.Operations.Migrations;

/// <summary>
/// A migration call that a backend throttles is waited out with jittered exponential backoff (never a busy
/// loop), on top of whatever retries the provider made, until <see cref="MigrationOptions.ThrottledFor"/> passes.
/// </summary>
internal sealed class ThrottleRetry(MigrationOptions options, TimeProvider clock)
{
    private static readonly TimeSpan BaseDelay = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(5);

    public long Throttles { get; private set; }

    public async Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> call, CancellationToken ct)
    {
        DateTimeOffset? since = null;
        for (var retry = 1; ; retry++)
        {
            try
            {
                return await call(ct);
            }
            catch (ThrottledException e)
            {
                Throttles++;
                since ??= clock.GetUtcNow();
                if (clock.GetUtcNow() - since >= options.ThrottledFor)
                    throw new MigrationException($"stopped: throttled for {options.ThrottledFor.TotalSeconds:0} s ({e.Message}); run again with --resume", e);
            }
            await Task.Delay(Backoff.Delay(retry, BaseDelay, MaxDelay), clock, ct);
        }
    }

    public Task RunAsync(Func<CancellationToken, Task> call, CancellationToken ct) =>
        RunAsync(async t =>
        {
            await call(t);
            return true;
        }, ct);
}
