using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Telemetry;
using Polly.Timeout;

namespace Dashboard.Operations.Resilience;

/// <summary>
/// One tenant's Polly pipeline, outermost first:
/// <list type="number">
/// <item>retry on <see cref="ThrottledException"/> only (the backend refused the work, so repeating it is safe;
/// versioned writes stay conditional), exponential with jitter;</item>
/// <item>the circuit breaker, counting <see cref="BackendUnavailableException"/> and timeouts as failures and any
/// other answer (not found, conflict, throttled…) as proof the backend is alive. Inside the retry, so every
/// attempt counts and a refusal is never retried;</item>
/// <item>a timeout per attempt (pings get the shorter <see cref="ResilienceOptions.ProbeTimeout"/>).</item>
/// </list>
/// </summary>
internal static class TenantPipeline
{
    /// <summary>The metering scope of the call, so retries re-mark its throttle events.</summary>
    public static readonly ResiliencePropertyKey<CallUsage?> Usage = new("dashboard.usage");

    /// <summary>Set on health-check pings: they get the probe timeout, below the health checks' own.</summary>
    public static readonly ResiliencePropertyKey<bool> IsPing = new("dashboard.ping");

    public static ResiliencePipeline Build(
        TenantCircuit circuit, ResilienceOptions options, TimeProvider clock, TelemetryListener? telemetry, Func<double>? random)
    {
        var builder = new ResiliencePipelineBuilder
        {
            Name = "dashboard-store",
            InstanceName = circuit.Tenant,
            TimeProvider = clock,
            TelemetryListener = telemetry,
        };
        if (options.MaxAttempts > 1)
        {
            var retry = new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<ThrottledException>(),
                MaxRetryAttempts = options.MaxAttempts - 1,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.BaseDelay,
                MaxDelay = options.MaxDelay,
                OnRetry = args =>
                {
                    ThrottleAccounting.Retried(args.Context.Properties.GetValue(Usage, null));
                    return default;
                },
            };
            if (random is not null) retry.Randomizer = random;
            builder.AddRetry(retry);
        }
        builder.AddCircuitBreaker(new CircuitBreakerStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<BackendUnavailableException>().Handle<TimeoutRejectedException>(),
            FailureRatio = options.FailureRatio,
            MinimumThroughput = options.BreakAfterFailures,
            SamplingDuration = options.SamplingDuration,
            BreakDuration = options.BreakDuration,
            StateProvider = circuit.StateProvider,
            ManualControl = circuit.ManualControl,
            OnOpened = args =>
            {
                circuit.Opened(args.Outcome.Exception);
                return default;
            },
            OnClosed = _ =>
            {
                circuit.Closed();
                return default;
            },
        });
        builder.AddTimeout(new TimeoutStrategyOptions
        {
            TimeoutGenerator = args => new ValueTask<TimeSpan>(
                args.Context.Properties.GetValue(IsPing, false) ? options.ProbeTimeout : options.Timeout),
        });
        return builder.Build();
    }
}
