namespace Dashboard.Providers.Sql.Model;

/// <summary>
/// MySQL's default utf8mb4 collations are case- and accent-insensitive ('José' = 'jose', 'ß' = 's'), which
/// would make two different stored emails collide on the unique index and order pages differently from the
/// contract (ordinal order of the stored, already lower-cased keys). So every text column compares by code
/// point (utf8mb4_bin); ULID ids and write ids are plain ASCII (ascii_bin: 26 bytes per key instead of up to 104).
/// Case-insensitivity is the service's job: emails and name keys are stored lower-case.
/// </summary>
internal static class MySqlCollations
{
    public const string CharSet = "utf8mb4";
    public const string Text = "utf8mb4_bin";
    public const string IdCharSet = "ascii";
    public const string Id = "ascii_bin";

    public static void Apply(ModelBuilder model)
    {
        model.HasCharSet(CharSet, DelegationModes.ApplyToAll);
        model.UseCollation(Text, DelegationModes.ApplyToAll);
        model.Entity<UserRow>().Property(u => u.Id).HasCharSet(IdCharSet).UseCollation(Id);
        model.Entity<OrderRow>().Property(o => o.Id).HasCharSet(IdCharSet).UseCollation(Id);
        model.Entity<OrderRow>().Property(o => o.UserId).HasCharSet(IdCharSet).UseCollation(Id);
        model.Entity<OrderItemRow>().Property(i => i.OrderId).HasCharSet(IdCharSet).UseCollation(Id);
        model.Entity<UserRow>().Property(u => u.WriteId).HasCharSet(IdCharSet).UseCollation(Id);
        model.Entity<OrderRow>().Property(o => o.WriteId).HasCharSet(IdCharSet).UseCollation(Id);
    }
}
