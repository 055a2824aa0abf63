namespace Dashboard.Core.Tenants.Health;

/// <summary>What the prober last learnt about one tenant's backend, and when.</summary>
public sealed record TenantHealth(string TenantId, bool Reachable, TimeSpan Latency, string? Problem, DateTimeOffset CheckedAt, int Failures)
{
    public TimeSpan AgeAt(DateTimeOffset now) => now - CheckedAt is var age && age > TimeSpan.Zero ? age : TimeSpan.Zero;
}

/// <summary>The fleet in numbers: what anyone may know about it.</summary>
public sealed record TenantHealthCounts(int Total, int Reachable, int Unavailable, int NotChecked, int Disabled = 0);
