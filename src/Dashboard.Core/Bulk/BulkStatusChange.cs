namespace Dashboard.Core.Bulk;

/// <summary>
/// Moves many orders to one status, each on its own through the person's store: a conditional update on the
/// version the person saw, checked against the life cycle, audited per order by the store. A few orders at a
/// time; when the backend throttles, every worker pauses (exponential backoff with jitter) before going on, and
/// the throttled order is tried again. Each order ends updated, conflict, illegal transition or failed.
/// </summary>
public sealed class BulkStatusChange(TimeProvider clock, ILogger<BulkStatusChange> logger, BulkOptions? options = null)
{
    private readonly BulkOptions _options = options ?? new BulkOptions();

    public BulkOptions Options => _options;

    public async Task<IReadOnlyList<BulkResult>> RunAsync(
        ITenantStore store, IReadOnlyList<BulkTarget> targets, OrderStatus to, IProgress<BulkProgress>? progress, CancellationToken ct)
    {
        if (!Enum.IsDefined(to)) throw new ValidationException("status", "Unknown status.");
        if (targets.Count > _options.MaxOrders)
            throw new ValidationException("orders", $"At most {_options.MaxOrders:N0} orders can be changed at once; narrow the filter.");
        var results = new BulkResult?[targets.Count];
        var tally = new Tally(targets.Count, progress);
        var pause = new SharedPause(clock);
        var forbidden = (Exception?)null;

        await Parallel.ForEachAsync(Enumerable.Range(0, targets.Count),
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, _options.Concurrency) },
            async (i, _) =>
            {
                BulkResult result;
                if (ct.IsCancellationRequested) result = new(targets[i], BulkOutcome.Failed, "Not attempted: the change was stopped.");
                else if (Volatile.Read(ref forbidden) is { } refused) result = new(targets[i], BulkOutcome.Failed, refused.Message);
                else
                {
                    (result, var error) = await MoveAsync(store, targets[i], to, pause, ct);
                    // Refused access is refused for every order: stop calling the backend for the rest.
                    if (error is ForbiddenException) Interlocked.CompareExchange(ref forbidden, error, null);
                }
                results[i] = result;
                tally.Add(result.Outcome);
            });
        return results!;
    }

    /// <summary>Moves one order; also gives the store error behind a failure.</summary>
    private async Task<(BulkResult, Exception?)> MoveAsync(ITenantStore store, BulkTarget target, OrderStatus to, SharedPause pause, CancellationToken ct)
    {
        if (target.Status == to)
            return (new(target, BulkOutcome.IllegalTransition, $"Already {to}."), null);
        if (!OrderStatusRules.CanMove(target.Status, to))
            return (new(target, BulkOutcome.IllegalTransition, IllegalMove(target.Status, to)), null);

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await pause.WaitAsync(ct);
                var updated = await store.UpdateOrderAsync(target.OrderId, target.ExpectedVersion, new OrderChanges(to, target.Items), ct);
                return (new(target, BulkOutcome.Updated, $"{target.Status} → {to}.", updated), null);
            }
            catch (ConflictException e)
            {
                return (new(target, BulkOutcome.Conflict, "Changed by someone else since it was listed; left as they made it."), e);
            }
            catch (ValidationException e) when (e.Errors.ContainsKey("status"))
            {
                return (new(target, BulkOutcome.IllegalTransition, string.Join(" ", e.Errors["status"])), e);
            }
            catch (ThrottledException e) when (attempt < _options.ThrottledAttempts)
            {
                var delay = Backoff.Delay(attempt, _options.BackoffBase, _options.BackoffMax);
                logger.LogInformation("Bulk status change throttled on {Order} (attempt {Attempt}), pausing {Delay} ms: {Cause}",
                    target.OrderId, attempt, (int)delay.TotalMilliseconds, e.Cause);
                pause.Extend(delay);
            }
            catch (AuditWriteFailedException e)
            {
                // The order did change; only its record is missing (logged at Critical by the audit layer).
                return (new(target, BulkOutcome.Updated, $"{target.Status} → {to}, but the audit entry could not be written."), e);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return (new(target, BulkOutcome.Failed, "Not attempted: the change was stopped."), null);
            }
            catch (StoreException e)
            {
                return (new(target, BulkOutcome.Failed, Describe(e)), e);
            }
            catch (Exception e)
            {
                logger.LogError(e, "Bulk status change of order {Order} failed unexpectedly", target.OrderId);
                return (new(target, BulkOutcome.Failed, "Something unexpected went wrong; it has been logged."), e);
            }
        }
    }

    private static string IllegalMove(OrderStatus from, OrderStatus to)
    {
        var allowed = OrderStatusRules.AllowedNext(from);
        return $"An order cannot go from {from} to {to} (allowed: {(allowed.Count == 0 ? "none: it is final" : string.Join(" or ", allowed))}).";
    }

    private static string Describe(Exception e) => e switch
    {
        ThrottledException t => $"Still throttled after retries ({t.Cause}).",
        BackendUnavailableException u => $"Backend unavailable: {u.Reason}.",
        NotFoundException => "This order does not exist any more.",
        ValidationException v => string.Join(" ", v.Errors.SelectMany(x => x.Value)),
        _ => e.Message,
    };

    /// <summary>Counts outcomes as orders finish and reports each step.</summary>
    private sealed class Tally(int total, IProgress<BulkProgress>? progress)
    {
        private readonly Lock _gate = new();
        private int _done, _updated, _conflicts, _illegal, _failed;

        public void Add(BulkOutcome outcome)
        {
            BulkProgress now;
            lock (_gate)
            {
                _done++;
                switch (outcome)
                {
                    case BulkOutcome.Updated: _updated++; break;
                    case BulkOutcome.Conflict: _conflicts++; break;
                    case BulkOutcome.IllegalTransition: _illegal++; break;
                    default: _failed++; break;
                }
                now = new BulkProgress(_done, total, _updated, _conflicts, _illegal, _failed);
            }
            progress?.Report(now);
        }
    }

    /// <summary>A pause every worker honours before its next call: a throttle seen by one slows them all down.</summary>
    private sealed class SharedPause(TimeProvider clock)
    {
        private readonly Lock _gate = new();
        private DateTimeOffset _until = DateTimeOffset.MinValue;

        public void Extend(TimeSpan delay)
        {
            var until = clock.GetUtcNow() + delay;
            lock (_gate) if (until > _until) _until = until;
        }

        public async Task WaitAsync(CancellationToken ct)
        {
            while (true)
            {
                TimeSpan left;
                lock (_gate) left = _until - clock.GetUtcNow();
                if (left <= TimeSpan.Zero) return;
                await Task.Delay(left, clock, ct);
            }
        }
    }
}
