namespace Dashboard.Operations.Migrations;

/// <summary>
/// How a migration retries a backend call, on top of whatever retries the provider made, always with jittered
/// exponential backoff (never a busy loop):
/// <list type="bullet">
/// <item>a throttled call is waited out until <see cref="MigrationOptions.ThrottledFor"/> passes;</item>
/// <item>a call safe to repeat (<see cref="RunRepeatableAsync{T}"/>: reads, and bulk loads, which keep ids and
/// versions and add only what is missing) is also tried again when the backend gave no answer in time or was
/// unavailable, <see cref="MigrationOptions.UnavailableRetries"/> times, each retry announced through
/// <paramref name="announce"/>. A write whose answer was lost may have landed: repeating it is what makes it
/// certain, and repeating it is harmless. Other writes (conditional updates) are not repeated: a lost answer there
/// would read as a conflict.</item>
/// </list>
/// Either way, when patience runs out the run stops with a <see cref="MigrationException"/>; its checkpoint is kept
/// for <c>--resume</c>.
/// </summary>
internal sealed class MigrationRetry(MigrationOptions options, TimeProvider clock, Action<string> announce)
{
    private static readonly TimeSpan ThrottleBaseDelay = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan ThrottleMaxDelay = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan UnavailableMaxDelay = TimeSpan.FromSeconds(30);

    /// <summary>Throttled answers waited out so far.</summary>
    public long Throttles { get; private set; }

    /// <summary>Calls repeated so far because the backend gave no answer in time or was unavailable.</summary>
    public long UnavailableRetries { get; private set; }

    /// <summary>A call that must not be repeated after a failure: only throttling (the call was refused, nothing done) is retried.</summary>
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
            await Task.Delay(Backoff.Delay(retry, ThrottleBaseDelay, ThrottleMaxDelay), clock, ct);
        }
    }

    public Task RunAsync(Func<CancellationToken, Task> call, CancellationToken ct) => RunAsync(Done(call), ct);

    /// <summary>A call safe to repeat: throttling is waited out, and no answer in time or an unavailable backend is tried again a few times.</summary>
    public async Task<T> RunRepeatableAsync<T>(Func<CancellationToken, Task<T>> call, CancellationToken ct)
    {
        for (var retry = 1; ; retry++)
        {
            try
            {
                return await RunAsync(call, ct);
            }
            catch (BackendUnavailableException e) when (retry <= options.UnavailableRetries && !ct.IsCancellationRequested)
            {
                UnavailableRetries++;
                var wait = Backoff.Delay(retry, options.UnavailableBackoff, UnavailableMaxDelay);
                // An open circuit says when it lets a call through again: waiting less only meets the refusal again.
                if (e.RetryAfter is { } after && after > wait) wait = after;
                announce($"retry {retry} of {options.UnavailableRetries} in {wait.TotalSeconds:0.#} s: {e.Message}");
                await Task.Delay(wait, clock, ct);
            }
            catch (BackendUnavailableException e) when (!ct.IsCancellationRequested)
            {
                throw new MigrationException(
                    $"stopped: {e.Message} (still after {options.UnavailableRetries} retries); run again with --resume", e);
            }
        }
    }

    public Task RunRepeatableAsync(Func<CancellationToken, Task> call, CancellationToken ct) => RunRepeatableAsync(Done(call), ct);

    private static Func<CancellationToken, Task<bool>> Done(Func<CancellationToken, Task> call) => async t =>
    {
        await call(t);
        return true;
    };
}
