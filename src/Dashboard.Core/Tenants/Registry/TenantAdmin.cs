using System.Text.Json;

namespace Dashboard.Core.Tenants.Registry;

/// <summary>
/// Adds, edits, disables and re-enables tenants at runtime, for Ops. A save is checked as start-up checks
/// configuration (<see cref="TenantsOptionsValidator.ProblemsWith"/>), then the connection is tested, then it is
/// written only if nobody saved the tenant since the edit began, audited, and applied to this instance at once
/// (others follow through <see cref="TenantRegistrySync"/>).
/// </summary>
public sealed class TenantAdmin(
    TenantRegistry registry,
    ITenantRegistryStore store,
    TenantRegistrySync sync,
    TenantsOptionsValidator validator,
    ITenantBackends backends,
    ICurrentPerson current,
    IAuditLog audit,
    IOptions<TenantRegistryOptions> options,
    TimeProvider clock,
    ILogger<TenantAdmin> log)
{
    public const string AuditEntity = "Tenant";

    /// <summary>The stored tenant as an edit would start from it (secrets included: callers show them masked).</summary>
    public async Task<TenantRecord> GetAsync(string id, CancellationToken ct)
    {
        RequireOps();
        return await store.FindAsync(id, ct) ?? throw new NotFoundException("Tenant", id);
    }

    /// <exception cref="ValidationException">The id is taken, the provider unknown, a setting missing or wrong, or the connection test failed.</exception>
    public async Task<TenantRecord> AddAsync(TenantChange change, CancellationToken ct)
    {
        RequireOps();
        var id = change.Id.Trim();
        if (registry.Find(id) is not null || await store.FindAsync(id, ct) is not null)
            throw new ValidationException("Id", $"A tenant named “{id}” exists already.");
        var settings = Clean(change.Settings, stored: null);
        var record = await CheckedAsync(id, change, settings, disabled: false, version: 0, ct);
        var saved = await store.AddAsync(record, ct);
        await AuditAsync(saved, AuditAction.Create, before: null, ct);
        await AppliedAsync(saved, ct);
        return saved;
    }

    /// <exception cref="ConflictException">Someone saved the tenant since the edit began.</exception>
    public async Task<TenantRecord> UpdateAsync(TenantChange change, CancellationToken ct)
    {
        RequireOps();
        var before = await EditableAsync(change.Id, ct);
        var expected = change.ExpectedVersion ?? throw new ArgumentException("An edit names the version it started from.", nameof(change));
        var settings = Clean(change.Settings, before.Settings);
        if (before.Override is not null && (!string.Equals(change.Provider.Trim(), before.Provider, StringComparison.OrdinalIgnoreCase)
                || new TenantDescriptor(before.Id, "", before.Provider, settings).ReachedDifferentlyThan(new TenantDescriptor(before.Id, "", before.Provider, before.Settings))))
            throw new ValidationException("Provider",
                $"Tenant “{before.Id}” was moved by a migration: its backend comes from that cut-over until it is rolled back (on the migrations page), so a new provider or settings here would not apply.");
        var record = await CheckedAsync(before.Id, change, settings, before.Disabled, expected, ct);
        var saved = await store.UpdateAsync(record, expected, ct);
        await AuditAsync(saved, AuditAction.Update, before, ct);
        await AppliedAsync(saved, ct);
        return saved;
    }

    /// <summary>Disables (reads and writes refused, live store dropped on every instance) or enables a tenant again.</summary>
    public async Task<TenantRecord> SetDisabledAsync(string id, bool disabled, long expectedVersion, CancellationToken ct)
    {
        RequireOps();
        var before = await EditableAsync(id, ct);
        var saved = await store.UpdateAsync(before with { Disabled = disabled, UpdatedBy = current.Person.Id, UpdatedAt = clock.GetUtcNow() },
            expectedVersion, ct);
        await AuditAsync(saved, AuditAction.Update, before, ct);
        await AppliedAsync(saved, ct);
        return saved;
    }

    private void RequireOps()
    {
        if (!current.Person.IsOps) throw new ForbiddenException("Only Ops may add, change, disable or enable tenants.");
    }

    private async Task<TenantRecord> EditableAsync(string id, CancellationToken ct)
    {
        var stored = await store.FindAsync(id, ct) ?? throw new NotFoundException("Tenant", id);
        if (stored.Pinned)
            throw new ForbiddenException($"Tenant “{id}” is pinned in configuration (appsettings.json → Tenants) and read-only here; change it there.");
        return stored;
    }

    /// <summary>Trimmed keys and values; a blank secret keeps the stored value, any other blank setting is dropped.</summary>
    private static Dictionary<string, string?> Clean(IReadOnlyDictionary<string, string?> submitted, IReadOnlyDictionary<string, string?>? stored)
    {
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (rawKey, rawValue) in submitted)
        {
            var key = rawKey.Trim();
            if (key.Length == 0) continue;
            var value = rawValue?.Trim();
            if (string.IsNullOrEmpty(value) && SecretSettings.IsSecret(key) && stored is not null && stored.TryGetValue(key, out var kept))
                value = kept;
            if (!string.IsNullOrEmpty(value)) settings[key] = value;
        }
        return settings;
    }

    /// <summary>The same checks as at start, then a ping of the backend with these settings; nothing is saved unless both pass.</summary>
    private async Task<TenantRecord> CheckedAsync(string id, TenantChange change, Dictionary<string, string?> settings, bool disabled, long version, CancellationToken ct)
    {
        var options = new TenantOptions { Provider = change.Provider.Trim(), DisplayName = change.DisplayName?.Trim(), Settings = settings };
        var problems = validator.ProblemsWith(id, options);
        if (problems.Count > 0)
            throw new ValidationException(problems.GroupBy(FieldOf).ToDictionary(g => g.Key, g => g.ToArray()));
        var provider = registry.FindProvider(options.Provider)!;
        var tenant = TenantRegistry.Describe(id, options, provider);
        if (!disabled) await TestConnectionAsync(tenant, provider, ct);
        return new TenantRecord(id, tenant.DisplayName, provider.Kind, settings, disabled, Pinned: false, version,
            current.Person.Id, clock.GetUtcNow());
    }

    /// <summary>"Settings:ServiceUrl is required" is about the field "Settings:ServiceUrl".</summary>
    private static string FieldOf(string problem)
    {
        var head = problem.Split(' ', 2)[0].TrimEnd(':');
        return head.StartsWith("Settings:", StringComparison.Ordinal) || head is "Id" or "Provider" ? head : "Tenant";
    }

    private async Task TestConnectionAsync(TenantDescriptor tenant, IDataStoreProvider provider, CancellationToken ct)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(options.Value.ConnectionTestTimeout);
        IDataStore? probe = null;
        try
        {
            probe = provider.Create(tenant);
            await probe.PingAsync(deadline.Token).WaitAsync(deadline.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new ValidationException("Connection",
                $"The connection test failed: {provider.ProductName} did not answer within {options.Value.ConnectionTestTimeout.TotalSeconds:0} s. Nothing was saved.");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new ValidationException("Connection", $"The connection test failed: {e.Message} Nothing was saved.");
        }
        finally
        {
            if (probe is IAsyncDisposable a) await a.DisposeAsync();
            else (probe as IDisposable)?.Dispose();
        }
    }

    private Task AuditAsync(TenantRecord after, AuditAction action, TenantRecord? before, CancellationToken ct)
    {
        var person = current.Person;
        return audit.AppendAsync(new AuditEntry(0, clock.GetUtcNow(), person.Id, person.Name, after.Id, AuditEntity, after.Id, action,
            before is null ? null : Json(before), Json(after)), CancellationToken.None);
    }

    // Secrets are recorded as "(set)": the audit log is read by people and must not hold them.
    private static string Json(TenantRecord r) => JsonSerializer.Serialize(new
    {
        displayName = r.DisplayName,
        provider = r.Provider,
        settings = SecretSettings.Masked(r.Settings),
        disabled = r.Disabled,
    });

    /// <summary>This instance sees the change at once (and drops the tenant's live store); new tenants get their schema and demo data if asked.</summary>
    private async Task AppliedAsync(TenantRecord saved, CancellationToken ct)
    {
        await sync.RefreshAsync(ct);
        if (saved.Disabled || registry.Find(saved.Id) is not { } tenant) return;
        try
        {
            if (await TenantStartupService.PrepareOnceAsync(tenant, backends.For(tenant.Id), ct))
                log.LogInformation("Loaded demo data into tenant {Tenant}", tenant.Id);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Saved all the same: its pages say what is wrong, as for any tenant whose backend fails.
            log.LogWarning("Tenant {Tenant} was saved but could not be prepared: {Problem}", tenant.Id, e.Message);
        }
    }
}
