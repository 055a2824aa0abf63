namespace Dashboard.E2E.Infrastructure;

/// <summary>A demo account of appsettings.Development.json (README, "Demo data and accounts").</summary>
public sealed record DemoAccount(string Email, string Password, IReadOnlySet<string>? Tenants)
{
    public bool CanOpen(string tenant) => Tenants is null || Tenants.Contains(tenant);
}

public static class DemoAccounts
{
    /// <summary>Ops: every tenant, the ops pages, the audit log.</summary>
    public static readonly DemoAccount Ops = new("ops@example.com", "ops-pass-1", null);

    /// <summary>Support for acme, globex and sandbox — not initech.</summary>
    public static readonly DemoAccount Agent = new("agent@example.com", "agent-pass-1", new HashSet<string> { "acme", "globex", "sandbox" });

    public static readonly DemoAccount Viewer = new("viewer@example.com", "viewer-pass-1", new HashSet<string> { "sandbox" });

    /// <summary>The support agent where they have a grant; otherwise the ops person, who may edit every tenant.</summary>
    public static DemoAccount SupportFor(string tenant) => Agent.CanOpen(tenant) ? Agent : Ops;
}
