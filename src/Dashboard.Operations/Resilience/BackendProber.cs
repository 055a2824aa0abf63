namespace Dashboard.Operations.Resilience;

/// <summary>
/// While one tenant's circuit is open: pings its backend directly (not through the breaker; metered as a ping) every
/// <see cref="ResilienceOptions.ProbeInterval"/>, each ping cut off after <see cref="ResilienceOptions.ProbeTimeout"/>,
/// and closes the circuit on the first answer. One loop per open tenant whatever the traffic, so a dead backend
/// gets one ping a second, and a backend that is back is used again within about a second instead of after
/// Polly's break duration.
/// </summary>
internal sealed class BackendProber(
    Func<CancellationToken, Task> ping, Func<bool> isOpen, Func<CancellationToken, Task> close, Action<ProbeResult> report,
    ResilienceOptions options, TimeProvider clock) : IAsyncDisposable, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private int _running;
    private Task _loop = Task.CompletedTask;

    /// <summary>Starts the loop unless it runs already (called on every opening; cheap).</summary>
    public void EnsureRunning()
    {
        if (_stopping.IsCancellationRequested || Interlocked.CompareExchange(ref _running, 1, 0) != 0) return;
        // Not in the caller's flow: the call that opened the circuit must not see the probes in its metering scope.
        using (ExecutionContext.SuppressFlow()) _loop = Task.Run(ProbeWhileOpenAsync);
    }

    private async Task ProbeWhileOpenAsync()
    {
        try
        {
            while (isOpen())
            {
                await Task.Delay(options.ProbeInterval, clock, _stopping.Token);
                if (!isOpen()) break;
                var result = await ProbeOnceAsync(_stopping.Token);
                report(result);
                if (!result.Answered) continue;
                await close(_stopping.Token);
                break;
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            // The app is stopping.
        }
        finally
        {
            Volatile.Write(ref _running, 0);
            // Opened again between the last check and here: keep probing.
            if (isOpen()) EnsureRunning();
        }
    }

    private async Task<ProbeResult> ProbeOnceAsync(CancellationToken stopping)
    {
        var at = clock.GetUtcNow();
        using var deadline = new CancellationTokenSource(options.ProbeTimeout, clock);
        using var token = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, stopping);
        try
        {
            // WaitAsync gives up at the deadline even if the driver ignores the token.
            await ping(token.Token).WaitAsync(token.Token);
            return new ProbeResult(at, true, null);
        }
        catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
        {
            return new ProbeResult(at, false, $"no answer within {options.ProbeTimeout.TotalSeconds:0.#} s");
        }
        catch (BackendUnavailableException e)
        {
            return new ProbeResult(at, false, e.Reason);
        }
        catch (StoreException)
        {
            // Throttled, not found…: the backend answered, which is all a probe asks.
            return new ProbeResult(at, true, null);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return new ProbeResult(at, false, NetworkFailure.Describe(e));
        }
    }

    /// <summary>Stops the loop without waiting for it (a ping in flight ends at its deadline).</summary>
    public void Dispose() => _stopping.Cancel();

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        try
        {
            await _loop;
        }
        catch (Exception)
        {
            // A loop that failed has nothing left to stop.
        }
        _stopping.Dispose();
    }
}
