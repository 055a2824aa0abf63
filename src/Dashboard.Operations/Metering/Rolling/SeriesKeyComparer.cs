namespace Dashboard.Operations.Metering.Rolling;

/// <summary>Series keys by value: a tenant's store rebuilt after eviction makes new keys for the same series.</summary>
internal sealed class SeriesKeyComparer : IEqualityComparer<SeriesKey>
{
    public static readonly SeriesKeyComparer Instance = new();

    public bool Equals(SeriesKey? x, SeriesKey? y) =>
        ReferenceEquals(x, y) || (x is not null && y is not null && x.Operation == y.Operation
            && string.Equals(x.Tenant, y.Tenant, StringComparison.Ordinal) && string.Equals(x.Provider, y.Provider, StringComparison.Ordinal));

    public int GetHashCode(SeriesKey key) => HashCode.Combine(key.Tenant, key.Provider, key.Operation);
}
