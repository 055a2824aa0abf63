using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.AppStore;

/// <summary>The dashboard's own database: the audit log and the data-protection key ring.</summary>
public sealed class AppStoreDbContext(DbContextOptions<AppStoreDbContext> options) : DbContext(options), IDataProtectionKeyContext
{
    public DbSet<AuditRow> AuditEntries => Set<AuditRow>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder model)
    {
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
    }
}
