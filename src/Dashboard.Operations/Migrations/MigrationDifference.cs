namespace Dashboard.Operations.Migrations;

/// <summary>How one entity differs between source and target.</summary>
public enum DifferenceKind
{
    MissingOnTarget,
    OnlyOnTarget,
    FieldsDiffer,
}

/// <summary>One difference verification found: the entity, its id, and for differing fields each field's two values.</summary>
public sealed record MigrationDifference(string Entity, string Id, DifferenceKind Kind, IReadOnlyList<FieldDifference> Fields)
{
    public override string ToString() => Kind switch
    {
        DifferenceKind.MissingOnTarget => $"{Entity} {Id}: missing on the target",
        DifferenceKind.OnlyOnTarget => $"{Entity} {Id}: on the target only",
        _ => $"{Entity} {Id}: " + string.Join("; ", Fields.Select(f => $"{f.Field} is {f.Source} on the source, {f.Target} on the target")),
    };
}

public sealed record FieldDifference(string Field, string Source, string Target);

/// <summary>What verification found: counts on both sides and every difference.</summary>
public sealed record VerificationReport(long SourceUsers, long SourceOrders, long TargetUsers, long TargetOrders, IReadOnlyList<MigrationDifference> Differences)
{
    public bool Clean => Differences.Count == 0 && SourceUsers == TargetUsers && SourceOrders == TargetOrders;

    /// <summary>The line the CLI ends with.</summary>
    public string Summary => $"verified {SourceUsers} users, {SourceOrders} orders, {Differences.Count} differences";
}
