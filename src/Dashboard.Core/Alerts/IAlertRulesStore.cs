namespace Dashboard.Core.Alerts;

/// <summary>The alert rules as Ops last saved them (JSON of the rule settings), with the version the next save must name.</summary>
public sealed record StoredAlertRules(string Json, long Version, string UpdatedBy, DateTimeOffset UpdatedAt);

/// <summary>
/// Ops' edits of the alert rules, kept in the app store so every instance evaluates the same ones. Configuration
/// seeds the rules; a stored edit overrides them. Saving names the version it was read at: a stale save is a conflict.
/// </summary>
public interface IAlertRulesStore
{
    /// <summary>The stored rules; null while nobody has edited them (configuration applies).</summary>
    Task<StoredAlertRules?> LoadAsync(CancellationToken ct);

    /// <summary>The stored version alone (0: none stored), cheap enough to ask at every evaluation round.</summary>
    Task<long> VersionAsync(CancellationToken ct);

    /// <summary>
    /// Saves the rules read at <paramref name="expectedVersion"/> (0: nothing stored yet) as the next version; throws
    /// <see cref="Errors.ConflictException"/> when someone saved meanwhile.
    /// </summary>
    Task<StoredAlertRules> SaveAsync(string json, long expectedVersion, string updatedBy, DateTimeOffset now, CancellationToken ct);
}
