namespace Dashboard.Core.Usage;

/// <summary>
/// One throttling answer with where it happened, for the throttling page's lists: time, tenant, provider,
/// operation, the provider's words for it, whether a retry followed, and the instance that met it (null where
/// only this instance's events are kept).
/// </summary>
public sealed record ThrottleRecord(DateTimeOffset At, string Tenant, string Provider, string Operation, string Cause, bool Retried, string? Instance = null);
