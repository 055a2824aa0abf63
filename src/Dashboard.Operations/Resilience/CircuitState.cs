namespace Dashboard.Operations.Resilience;

/// <summary>A tenant's circuit as the ops pages show it.</summary>
public enum CircuitState
{
    /// <summary>Calls go through.</summary>
    Closed,
    /// <summary>Calls fail at once, without touching the backend; the prober pings it every second.</summary>
    Open,
    /// <summary>Polly's break is over and one trial call is on its way; the others still fail at once.</summary>
    HalfOpen,
}
