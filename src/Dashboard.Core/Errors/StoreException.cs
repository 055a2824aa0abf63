namespace Dashboard.Core.Errors;

/// <summary>
/// The typed failures every backend reports identically, so pages and tests never see a provider's exception.
/// </summary>
public abstract class StoreException(string message, Exception? inner = null) : Exception(message, inner);

public sealed class NotFoundException(string entity, string id)
    : StoreException($"{entity} '{id}' was not found.")
{
    public string Entity { get; } = entity;
    public string Id { get; } = id;
}

/// <summary>A write based on a stale version: someone else changed the entity first.</summary>
public sealed class ConflictException(string entity, string id, long expectedVersion)
    : StoreException($"{entity} '{id}' was changed by someone else (expected version {expectedVersion}).")
{
    public string Entity { get; } = entity;
    public string Id { get; } = id;
    public long ExpectedVersion { get; } = expectedVersion;
}

/// <summary>The input was refused; <see cref="Errors"/> maps a field path (e.g. "items[2].quantity") to messages.</summary>
public sealed class ValidationException(IReadOnlyDictionary<string, string[]> errors)
    : StoreException("Validation failed: " + string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(", ", e.Value)}")))
{
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;

    public ValidationException(string field, string message)
        : this(new Dictionary<string, string[]> { [field] = [message] }) { }
}

/// <summary>The backend refused for capacity reasons (after our retries); the cause uses the provider's words.</summary>
public sealed class ThrottledException(string tenant, string provider, string cause, Exception? inner = null)
    : StoreException($"{provider} throttled tenant '{tenant}': {cause}", inner)
{
    public string Tenant { get; } = tenant;
    public string Provider { get; } = provider;
    public string Cause { get; } = cause;
}

/// <summary>The backend could not be reached or answered with a fault.</summary>
/// <param name="retryAfter">When known (an open circuit), how soon trying again may succeed.</param>
public sealed class BackendUnavailableException(string tenant, string provider, string reason, Exception? inner = null, TimeSpan? retryAfter = null)
    : StoreException($"backend unavailable: {tenant} ({provider}): {reason}", inner)
{
    public string Tenant { get; } = tenant;
    public string Provider { get; } = provider;
    public string Reason { get; } = reason;
    public TimeSpan? RetryAfter { get; } = retryAfter;
}

/// <summary>The signed-in person may not do this on this tenant.</summary>
public sealed class ForbiddenException(string message) : StoreException(message);
