namespace Dashboard.Core.Resilience;

public enum CircuitState
{
    /// <summary>Calls go through.</summary>
    Closed,
    /// <summary>Calls fail at once, without touching the backend, until the break is over.</summary>
    Open,
    /// <summary>The break is over; one trial call is on its way, the others still fail at once.</summary>
    HalfOpen,
}

/// <summary>
/// One tenant's circuit. After <see cref="ResilienceOptions.BreakAfterFailures"/> unavailable answers in a row
/// it opens: for <see cref="ResilienceOptions.BreakDuration"/> every call fails in microseconds instead of
/// waiting for a timeout, so a dead backend costs its own tenant fast errors and costs other tenants nothing.
/// Then one trial call goes through: success closes the circuit, failure opens it again.
/// </summary>
public sealed class CircuitBreaker(string tenant, string provider, ResilienceOptions options, TimeProvider clock)
{
    private readonly Lock _gate = new();
    private int _failuresInARow;
    private DateTimeOffset _openUntil;
    private bool _trialInFlight;

    public string Tenant { get; } = tenant;
    public string Provider { get; } = provider;
    public CircuitState State { get; private set; } = CircuitState.Closed;
    public DateTimeOffset? OpenedAt { get; private set; }
    public long Rejected { get; private set; }

    /// <summary>True when a call may go to the backend now.</summary>
    public bool TryEnter()
    {
        lock (_gate)
        {
            if (State == CircuitState.Closed) return true;
            if (State == CircuitState.Open && clock.GetUtcNow() >= _openUntil)
            {
                State = CircuitState.HalfOpen;
                _trialInFlight = false;
            }
            if (State == CircuitState.HalfOpen && !_trialInFlight)
            {
                _trialInFlight = true;
                return true;
            }
            Rejected++;
            return false;
        }
    }

    /// <summary>The backend answered (whatever the answer: not found, conflict and throttled all prove it is alive).</summary>
    public void Answered()
    {
        lock (_gate)
        {
            _failuresInARow = 0;
            _trialInFlight = false;
            State = CircuitState.Closed;
            OpenedAt = null;
        }
    }

    /// <summary>The backend was unreachable or did not answer in time.</summary>
    public void Failed()
    {
        lock (_gate)
        {
            _failuresInARow++;
            _trialInFlight = false;
            if (State == CircuitState.HalfOpen || _failuresInARow >= options.BreakAfterFailures)
            {
                var now = clock.GetUtcNow();
                if (State != CircuitState.Open) OpenedAt = now;
                State = CircuitState.Open;
                _openUntil = now + options.BreakDuration;
            }
        }
    }

    /// <summary>The call ended without telling anything about the backend (e.g. the caller cancelled).</summary>
    public void Abandoned()
    {
        lock (_gate) _trialInFlight = false;
    }

    public DateTimeOffset RetryAfter
    {
        get { lock (_gate) return _openUntil; }
    }
}
