using Polly;
using Polly.CircuitBreaker;
using Polly.Telemetry;
using Polly.Timeout;
using PollyCircuitState = Polly.CircuitBreaker.CircuitState;

namespace Dashboard.Operations.Resilience;

/// <summary>
/// One tenant's circuit: its Polly pipeline (<see cref="TenantPipeline"/>), what the throttling page shows
/// (state, open since, calls refused, the last probe) and the prober that closes it when the backend answers.
/// A dead backend costs its own tenant fast errors and costs other tenants nothing.
/// </summary>
public sealed class TenantCircuit : IAsyncDisposable, IDisposable
{
    private readonly ResilienceOptions _options;
    private readonly TimeProvider _clock;
    private readonly BackendProber _prober;
    private readonly Lock _gate = new();
    private DateTimeOffset? _openedAt;
    private string? _openedBecause;
    private ProbeResult? _lastProbe;
    private long _rejected;

    /// <param name="ping">The backend's own ping, undecorated: the prober's only call.</param>
    /// <param name="random">Jitter source for the retry delays (tests pass a seeded one).</param>
    public TenantCircuit(
        string tenant, string provider, Func<CancellationToken, Task> ping, ResilienceOptions options, TimeProvider clock,
        TelemetryListener? telemetry = null, Func<double>? random = null)
    {
        Tenant = tenant;
        Provider = provider;
        _options = options;
        _clock = clock;
        _prober = new BackendProber(ping, () => IsOpen, ct => ManualControl.CloseAsync(ct), Report, options, clock);
        Pipeline = TenantPipeline.Build(this, options, clock, telemetry, random);
    }

    public string Tenant { get; }
    public string Provider { get; }

    internal ResiliencePipeline Pipeline { get; }
    internal CircuitBreakerStateProvider StateProvider { get; } = new();
    internal CircuitBreakerManualControl ManualControl { get; } = new();

    public CircuitState State => StateProvider.CircuitState switch
    {
        PollyCircuitState.Closed => CircuitState.Closed,
        PollyCircuitState.HalfOpen => CircuitState.HalfOpen,
        _ => CircuitState.Open, // Open, or Isolated (which we never ask for)
    };

    /// <summary>Open or half-open: calls are refused without reaching the backend.</summary>
    public bool IsOpen => State != CircuitState.Closed;

    /// <summary>
    /// When the circuit opened; null once it is closed. Polly flips its state before it runs the close callback,
    /// so the state is asked first: a reader never sees "closed, open since 09:00".
    /// </summary>
    public DateTimeOffset? OpenedAt
    {
        get
        {
            if (!IsOpen) return null;
            lock (_gate) return _openedAt;
        }
    }

    public long Rejected => Interlocked.Read(ref _rejected);

    /// <summary>The prober's latest ping (kept after the circuit closes: it says when the backend answered again).</summary>
    public ProbeResult? LastProbe
    {
        get { lock (_gate) return _lastProbe; }
    }

    /// <summary>What a refused call throws: why the circuit is open, what the prober saw, when to try again.</summary>
    internal BackendUnavailableException Refuse(Exception? inner)
    {
        Interlocked.Increment(ref _rejected);
        string reason;
        lock (_gate)
        {
            var since = _openedAt is { } at ? $" since {at:HH:mm:ss} UTC" : "";
            var because = _openedBecause is null ? "" : $" ({_openedBecause})";
            var probe = _lastProbe is { Answered: false } p ? $"; last probe at {p.At:HH:mm:ss} UTC: {p.Problem}" : "";
            reason = $"circuit open{since} after repeated failures{because}{probe}; the backend is probed every {_options.ProbeInterval.TotalSeconds:0.#} s";
        }
        return new BackendUnavailableException(Tenant, Provider, reason, inner, _options.ProbeInterval);
    }

    internal void Opened(Exception? cause)
    {
        lock (_gate)
        {
            if (_openedAt is null)
            {
                _openedAt = _clock.GetUtcNow();
                _lastProbe = null;
            }
            _openedBecause = cause switch
            {
                BackendUnavailableException e => e.Reason,
                TimeoutRejectedException e => $"no answer within {e.Timeout.TotalSeconds:0.#} s",
                null => null,
                _ => cause.Message,
            };
        }
        _prober.EnsureRunning();
    }

    internal void Closed()
    {
        lock (_gate)
        {
            _openedAt = null;
            _openedBecause = null;
        }
    }

    private void Report(ProbeResult result)
    {
        lock (_gate) _lastProbe = result;
    }

    public ValueTask DisposeAsync() => _prober.DisposeAsync();

    public void Dispose() => _prober.Dispose();
}
