using Dashboard.AppStore.Alerts;
using Dashboard.AppStore.Lockout;
using Dashboard.AppStore.Migrations;
using Dashboard.AppStore.RecentTenants;
using Dashboard.AppStore.Sessions;
using Dashboard.AppStore.Tenants;
using Dashboard.AppStore.Throttling;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;

namespace Dashboard.AppStore;

/// <summary>The dashboard's own database: the audit log, the data-protection key ring, sign-in sessions, sign-in lockouts, throttle events, each person's recent tenants, the tenant registry, the fleet's alerts, Ops' alert rule edits, the units spike baseline and the fleet's leases, tenant migrations' checkpoints, and backend comparisons with their scratch spaces.</summary>
public sealed class AppStoreDbContext(DbContextOptions<AppStoreDbContext> options) : DbContext(options), IDataProtectionKeyContext
{
    public DbSet<AuditRow> AuditEntries => Set<AuditRow>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<SessionRow> Sessions => Set<SessionRow>();

    public DbSet<SignInLockoutRow> SignInLockouts => Set<SignInLockoutRow>();

    public DbSet<ThrottleEventRow> ThrottleEvents => Set<ThrottleEventRow>();

    public DbSet<RecentTenantRow> RecentTenants => Set<RecentTenantRow>();

    public DbSet<AlertRow> Alerts => Set<AlertRow>();

    public DbSet<LeaseRow> FleetLeases => Set<LeaseRow>();

    public DbSet<AlertRulesRow> AlertRules => Set<AlertRulesRow>();

    public DbSet<UnitsBaselineRow> UnitsBaseline => Set<UnitsBaselineRow>();

    public DbSet<UnitsBaselineTenantRow> UnitsBaselineTenants => Set<UnitsBaselineTenantRow>();

    public DbSet<TenantRow> Tenants => Set<TenantRow>();

    public DbSet<MigrationRow> Migrations => Set<MigrationRow>();

    public DbSet<Compare.CompareRunRow> CompareRuns => Set<Compare.CompareRunRow>();

    public DbSet<Compare.CompareScratchRow> CompareScratch => Set<Compare.CompareScratchRow>();

    public DbSet<TenantOverrideRow> TenantOverrides => Set<TenantOverrideRow>();

    public DbSet<TenantRegistryVersionRow> TenantRegistryVersion => Set<TenantRegistryVersionRow>();

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.Entity<TenantRow>(e =>
        {
            e.ToTable("tenants");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasColumnName("id").HasMaxLength(40).ValueGeneratedNever();
            e.Property(x => x.DisplayName).HasColumnName("display_name").HasMaxLength(200);
            e.Property(x => x.Provider).HasColumnName("provider").HasMaxLength(40);
            e.Property(x => x.SettingsJson).HasColumnName("settings_json");
            e.Property(x => x.Disabled).HasColumnName("disabled");
            e.Property(x => x.Pinned).HasColumnName("pinned");
            e.Property(x => x.RowVersion).HasColumnName("row_version").IsConcurrencyToken();
            e.Property(x => x.UpdatedBy).HasColumnName("updated_by").HasMaxLength(320);
            e.Property(x => x.UpdatedAtUnixMs).HasColumnName("updated_at_unix_ms");
        });
        model.Entity<TenantRegistryVersionRow>(e =>
        {
            e.ToTable("tenant_registry_version");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasColumnName("id").ValueGeneratedNever();
            e.Property(x => x.Version).HasColumnName("version");
        });
        model.Entity<AuditRow>(e =>
        {
            e.ToTable("audit_entries");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasColumnName("id").ValueGeneratedOnAdd();
            e.Property(x => x.AtUnixMs).HasColumnName("at_unix_ms");
            e.Property(x => x.ActorId).HasColumnName("actor_id").HasMaxLength(320);
            e.Property(x => x.ActorName).HasColumnName("actor_name").HasMaxLength(200);
            e.Property(x => x.Tenant).HasColumnName("tenant").HasMaxLength(40);
            e.Property(x => x.Entity).HasColumnName("entity").HasMaxLength(20);
            e.Property(x => x.EntityId).HasColumnName("entity_id").HasMaxLength(40);
            e.Property(x => x.Action).HasColumnName("action").HasMaxLength(10);
            e.Property(x => x.Before).HasColumnName("before_json");
            e.Property(x => x.After).HasColumnName("after_json");
            // Every filter pages newest first by id, so each index ends with id.
            e.HasIndex(x => new { x.Tenant, x.Id });
            e.HasIndex(x => new { x.ActorId, x.Id });
            e.HasIndex(x => new { x.Entity, x.EntityId, x.Id });
            e.HasIndex(x => x.AtUnixMs);
        });
        model.Entity<DataProtectionKey>().ToTable("data_protection_keys");
        model.Entity<SessionRow>(e =>
        {
            e.ToTable("sessions");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasColumnName("id").HasMaxLength(64).ValueGeneratedNever();
            e.Property(x => x.PersonId).HasColumnName("person_id").HasMaxLength(320);
            e.Property(x => x.PersonName).HasColumnName("person_name").HasMaxLength(200);
            e.Property(x => x.Role).HasColumnName("role").HasMaxLength(20);
            e.Property(x => x.TenantsJson).HasColumnName("tenants_json");
            e.Property(x => x.Source).HasColumnName("source").HasMaxLength(20);
            e.Property(x => x.SourceRolesJson).HasColumnName("source_roles_json");
            e.Property(x => x.Stamp).HasColumnName("stamp").HasMaxLength(64);
            e.Property(x => x.CreatedAtUnixMs).HasColumnName("created_at_unix_ms");
            e.Property(x => x.LastSeenAtUnixMs).HasColumnName("last_seen_at_unix_ms");
            e.Property(x => x.ExpiresAtUnixMs).HasColumnName("expires_at_unix_ms");
            e.Property(x => x.RevokedAtUnixMs).HasColumnName("revoked_at_unix_ms");
            e.Property(x => x.RevokedBy).HasColumnName("revoked_by").HasMaxLength(320);
            e.Property(x => x.ClientAddress).HasColumnName("client_address").HasMaxLength(64);
            e.Property(x => x.UserAgent).HasColumnName("user_agent").HasMaxLength(200);
            // A person's sessions (Ops page, revoke all) and the clean-up of ended ones.
            e.HasIndex(x => x.PersonId);
            e.HasIndex(x => x.ExpiresAtUnixMs);
        });
        model.Entity<ThrottleEventRow>(e =>
        {
            e.ToTable("throttle_events");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasColumnName("id").ValueGeneratedOnAdd();
            e.Property(x => x.AtUnixMs).HasColumnName("at_unix_ms");
            e.Property(x => x.Instance).HasColumnName("instance").HasMaxLength(64);
            e.Property(x => x.Tenant).HasColumnName("tenant").HasMaxLength(40);
            e.Property(x => x.Provider).HasColumnName("provider").HasMaxLength(40);
            e.Property(x => x.Operation).HasColumnName("operation").HasMaxLength(40);
            e.Property(x => x.Cause).HasColumnName("cause").HasMaxLength(EfThrottleEventStore.CauseLength);
            e.Property(x => x.Retried).HasColumnName("retried");
            e.HasIndex(x => x.AtUnixMs);
            e.HasIndex(x => new { x.Tenant, x.AtUnixMs });
        });
        model.Entity<RecentTenantRow>(e =>
        {
            e.ToTable("recent_tenants");
            e.HasKey(x => new { x.PersonId, x.Tenant });
            e.Property(x => x.PersonId).HasColumnName("person_id").HasMaxLength(320);
            e.Property(x => x.Tenant).HasColumnName("tenant").HasMaxLength(40);
            e.Property(x => x.OpenedAtUnixMs).HasColumnName("opened_at_unix_ms");
        });
        model.Entity<SignInLockoutRow>(e =>
        {
            e.ToTable("sign_in_lockouts");
            e.HasKey(x => x.Key);
            e.Property(x => x.Key).HasColumnName("lock_key").HasMaxLength(64).ValueGeneratedNever();
            e.Property(x => x.Failures).HasColumnName("failures");
            e.Property(x => x.WindowStartUnixMs).HasColumnName("window_start_unix_ms");
            e.Property(x => x.LockedUntilUnixMs).HasColumnName("locked_until_unix_ms");
            e.Property(x => x.UpdatedAtUnixMs).HasColumnName("updated_at_unix_ms");
            // Trimming removes the least recently touched rows first.
            e.HasIndex(x => x.UpdatedAtUnixMs);
        });
        model.Entity<AlertRow>(e =>
        {
            e.ToTable("alerts");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasColumnName("id").ValueGeneratedOnAdd();
            e.Property(x => x.Key).HasColumnName("alert_key").HasMaxLength(200);
            e.Property(x => x.OpenKey).HasColumnName("open_key").HasMaxLength(200);
            e.Property(x => x.Rule).HasColumnName("rule").HasMaxLength(40);
            e.Property(x => x.Subject).HasColumnName("subject").HasMaxLength(160);
            e.Property(x => x.Tenant).HasColumnName("tenant").HasMaxLength(40);
            e.Property(x => x.State).HasColumnName("state").HasMaxLength(20);
            e.Property(x => x.FiredAtUnixMs).HasColumnName("fired_at_unix_ms");
            e.Property(x => x.LastBreachAtUnixMs).HasColumnName("last_breach_at_unix_ms");
            e.Property(x => x.ResolvedAtUnixMs).HasColumnName("resolved_at_unix_ms");
            e.Property(x => x.Value).HasColumnName("value");
            e.Property(x => x.Threshold).HasColumnName("threshold");
            e.Property(x => x.Summary).HasColumnName("summary").HasMaxLength(EfAlertStore.SummaryLength);
            e.Property(x => x.SparklineJson).HasColumnName("sparkline_json");
            e.Property(x => x.AcknowledgedBy).HasColumnName("acknowledged_by").HasMaxLength(320);
            e.Property(x => x.AcknowledgedNote).HasColumnName("acknowledged_note").HasMaxLength(EfAlertStore.NoteLength);
            e.Property(x => x.AcknowledgedAtUnixMs).HasColumnName("acknowledged_at_unix_ms");
            e.Property(x => x.NotifiedAtUnixMs).HasColumnName("notified_at_unix_ms");
            e.Property(x => x.Version).HasColumnName("version");
            // One open alert per key, enforced by the database whichever instance opens it.
            e.HasIndex(x => x.OpenKey).IsUnique();
            e.HasIndex(x => x.ResolvedAtUnixMs);
        });
        model.Entity<TenantOverrideRow>(e =>
        {
            e.ToTable("tenant_overrides");
            e.HasKey(x => x.TenantId);
            e.Property(x => x.TenantId).HasColumnName("tenant_id").HasMaxLength(40).ValueGeneratedNever();
            e.Property(x => x.ReadOnlyReason).HasColumnName("read_only_reason").HasMaxLength(200);
            e.Property(x => x.Provider).HasColumnName("provider").HasMaxLength(40);
            e.Property(x => x.SettingsJson).HasColumnName("settings_json");
            e.Property(x => x.PreviousProvider).HasColumnName("previous_provider").HasMaxLength(40);
            e.Property(x => x.PreviousSettingsJson).HasColumnName("previous_settings_json");
            e.Property(x => x.RollbackUntilUnixMs).HasColumnName("rollback_until_unix_ms");
            e.Property(x => x.SetBy).HasColumnName("set_by").HasMaxLength(200);
            e.Property(x => x.SetAtUnixMs).HasColumnName("set_at_unix_ms");
        });
        model.Entity<MigrationRow>(e =>
        {
            e.ToTable("migrations");
            e.HasKey(x => x.TenantId);
            e.Property(x => x.TenantId).HasColumnName("tenant_id").HasMaxLength(40).ValueGeneratedNever();
            e.Property(x => x.Phase).HasColumnName("phase").HasMaxLength(20);
            e.Property(x => x.TargetProvider).HasColumnName("target_provider").HasMaxLength(40);
            e.Property(x => x.TargetFingerprint).HasColumnName("target_fingerprint").HasMaxLength(64);
            e.Property(x => x.UsersToken).HasColumnName("users_token");
            e.Property(x => x.OrdersToken).HasColumnName("orders_token");
            e.Property(x => x.UsersCopied).HasColumnName("users_copied");
            e.Property(x => x.OrdersCopied).HasColumnName("orders_copied");
            e.Property(x => x.StartedAtUnixMs).HasColumnName("started_at_unix_ms");
            e.Property(x => x.UpdatedAtUnixMs).HasColumnName("updated_at_unix_ms");
        });
        model.Entity<Compare.CompareRunRow>(e =>
        {
            e.ToTable("compare_runs");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasColumnName("id").HasMaxLength(40).ValueGeneratedNever();
            e.Property(x => x.StartedAtUnixMs).HasColumnName("started_at_unix_ms");
            e.Property(x => x.FinishedAtUnixMs).HasColumnName("finished_at_unix_ms");
            e.Property(x => x.StartedBy).HasColumnName("started_by").HasMaxLength(320);
            e.Property(x => x.State).HasColumnName("state").HasMaxLength(20);
            e.Property(x => x.Summary).HasColumnName("summary").HasMaxLength(400);
            e.Property(x => x.ResultJson).HasColumnName("result_json");
            e.HasIndex(x => x.StartedAtUnixMs);
        });
        model.Entity<Compare.CompareScratchRow>(e =>
        {
            e.ToTable("compare_scratch");
            e.HasKey(x => x.Name);
            e.Property(x => x.Name).HasColumnName("name").HasMaxLength(64).ValueGeneratedNever();
            e.Property(x => x.ProviderKind).HasColumnName("provider_kind").HasMaxLength(40);
            e.Property(x => x.BasisTenant).HasColumnName("basis_tenant").HasMaxLength(40);
            e.Property(x => x.RunId).HasColumnName("run_id").HasMaxLength(40);
            e.Property(x => x.CreatedAtUnixMs).HasColumnName("created_at_unix_ms");
        });
        model.Entity<AlertRulesRow>(e =>
        {
            e.ToTable("alert_rules");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasColumnName("id").ValueGeneratedNever();
            e.Property(x => x.RulesJson).HasColumnName("rules_json");
            e.Property(x => x.RowVersion).HasColumnName("row_version").IsConcurrencyToken();
            e.Property(x => x.UpdatedBy).HasColumnName("updated_by").HasMaxLength(320);
            e.Property(x => x.UpdatedAtUnixMs).HasColumnName("updated_at_unix_ms");
        });
        model.Entity<UnitsBaselineRow>(e =>
        {
            e.ToTable("units_baseline");
            e.HasKey(x => new { x.Tenant, x.HourStartUnixMs });
            e.Property(x => x.Tenant).HasColumnName("tenant").HasMaxLength(40);
            e.Property(x => x.HourStartUnixMs).HasColumnName("hour_start_unix_ms");
            e.Property(x => x.Units).HasColumnName("units");
            // The rule reads seven given hours for every tenant; pruning removes the oldest hours.
            e.HasIndex(x => x.HourStartUnixMs);
        });
        model.Entity<UnitsBaselineTenantRow>(e =>
        {
            e.ToTable("units_baseline_tenants");
            e.HasKey(x => x.Tenant);
            e.Property(x => x.Tenant).HasColumnName("tenant").HasMaxLength(40).ValueGeneratedNever();
            e.Property(x => x.SinceUnixMs).HasColumnName("since_unix_ms");
        });
        model.Entity<LeaseRow>(e =>
        {
            e.ToTable("fleet_leases");
            e.HasKey(x => x.Name);
            e.Property(x => x.Name).HasColumnName("name").HasMaxLength(64).ValueGeneratedNever();
            e.Property(x => x.Holder).HasColumnName("holder").HasMaxLength(200);
            e.Property(x => x.ExpiresAtUnixMs).HasColumnName("expires_at_unix_ms");
        });
    }
}
