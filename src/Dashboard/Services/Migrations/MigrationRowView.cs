namespace Dashboard.Services.Migrations;

/// <summary>One tenant's migration as the page lists it: where it goes, where it stands, and what Ops may do next.</summary>
public sealed record MigrationRowView(
    string Tenant,
    string Target,
    string State,
    string? Progress,
    double? Fraction,
    DateTimeOffset UpdatedAt,
    bool CanCutOver,
    bool CanRollBack,
    DateTimeOffset? RollbackUntil,
    bool CanCancel = false);
