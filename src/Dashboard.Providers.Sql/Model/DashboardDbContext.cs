namespace Dashboard.Providers.Sql.Model;

/// <summary>
/// users / orders / order_items as in the seed's Prisma schema: unique email, orders indexed by
/// (user_id, created_at), money as decimal(10,2), a version column for optimistic concurrency and the write id
/// of the call that last wrote each user and order (<see cref="WriteIds"/>).
/// </summary>
public sealed class DashboardDbContext(DbContextOptions<DashboardDbContext> options) : DbContext(options)
{
    /// <summary>The store operation this context serves ("list_users"), for query tags and metering.</summary>
    public string Operation { get; init; } = "unknown";

    /// <summary>The index on orders (status, id) behind the tenant-wide orders listing.</summary>
    public const string StatusIndex = "ix_orders_status_id";

    public DbSet<UserRow> Users => Set<UserRow>();
    public DbSet<OrderRow> Orders => Set<OrderRow>();
    public DbSet<OrderItemRow> OrderItems => Set<OrderItemRow>();

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.Entity<UserRow>(user =>
        {
            user.ToTable("users");
            user.HasKey(u => u.Id);
            user.Property(u => u.Id).HasColumnName("id").HasMaxLength(26).IsFixedLength();
            user.Property(u => u.Email).HasColumnName("email").HasMaxLength(254).IsRequired();
            user.Property(u => u.Name).HasColumnName("name").HasMaxLength(100).IsRequired();
            user.Property(u => u.NameKey).HasColumnName("name_key").HasMaxLength(100).IsRequired();
            user.Property(u => u.AvatarUrl).HasColumnName("avatar_url").HasMaxLength(2048);
            user.Property(u => u.CreatedAt).HasColumnName("created_at").HasPrecision(3);
            user.Property(u => u.UpdatedAt).HasColumnName("updated_at").HasPrecision(3);
            user.Property(u => u.Version).HasColumnName("version").IsConcurrencyToken();
            user.Property(u => u.WriteId).HasColumnName("write_id").HasMaxLength(WriteIds.Length).IsFixedLength();
            user.HasIndex(u => u.Email).IsUnique().HasDatabaseName("ux_users_email");
            user.HasIndex(u => new { u.NameKey, u.Id }).HasDatabaseName("ix_users_name_key_id");
        });

        model.Entity<OrderRow>(order =>
        {
            order.ToTable("orders");
            order.HasKey(o => o.Id);
            order.Property(o => o.Id).HasColumnName("id").HasMaxLength(26).IsFixedLength();
            order.Property(o => o.UserId).HasColumnName("user_id").HasMaxLength(26).IsFixedLength().IsRequired();
            order.Property(o => o.Status).HasColumnName("status").HasMaxLength(16).IsRequired();
            order.Property(o => o.Total).HasColumnName("total").HasPrecision(10, 2);
            order.Property(o => o.Currency).HasColumnName("currency").HasMaxLength(3).IsFixedLength().IsRequired();
            order.Property(o => o.CreatedAt).HasColumnName("created_at").HasPrecision(3);
            order.Property(o => o.UpdatedAt).HasColumnName("updated_at").HasPrecision(3);
            order.Property(o => o.Version).HasColumnName("version").IsConcurrencyToken();
            order.Property(o => o.WriteId).HasColumnName("write_id").HasMaxLength(WriteIds.Length).IsFixedLength();
            order.HasIndex(o => new { o.UserId, o.CreatedAt }).HasDatabaseName("ix_orders_user_id_created_at");
            order.HasIndex(o => new { o.UserId, o.Id }).HasDatabaseName("ix_orders_user_id_id");
            // The tenant's orders of one status, newest first, keyset-paged on the id.
            order.HasIndex(o => new { o.Status, o.Id }).HasDatabaseName(StatusIndex);
            order.HasOne<UserRow>().WithMany().HasForeignKey(o => o.UserId).OnDelete(DeleteBehavior.Restrict);
            order.HasMany(o => o.Items).WithOne().HasForeignKey(i => i.OrderId).OnDelete(DeleteBehavior.Cascade);
        });

        model.Entity<OrderItemRow>(item =>
        {
            item.ToTable("order_items");
            item.HasKey(i => i.Id);
            item.Property(i => i.Id).HasColumnName("id").ValueGeneratedOnAdd();
            item.Property(i => i.OrderId).HasColumnName("order_id").HasMaxLength(26).IsFixedLength().IsRequired();
            item.Property(i => i.Position).HasColumnName("position");
            item.Property(i => i.ProductId).HasColumnName("product_id").HasMaxLength(64).IsRequired();
            item.Property(i => i.ProductName).HasColumnName("product_name").HasMaxLength(200).IsRequired();
            item.Property(i => i.Quantity).HasColumnName("quantity");
            item.Property(i => i.UnitPrice).HasColumnName("unit_price").HasPrecision(10, 2);
            item.HasIndex(i => new { i.OrderId, i.Position }).IsUnique().HasDatabaseName("ux_order_items_order_position");
        });

        if (Database.IsMySql()) MySqlCollations.Apply(model);
    }
}
