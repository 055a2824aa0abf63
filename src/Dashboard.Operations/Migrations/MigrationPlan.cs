namespace Dashboard.Operations.Migrations;

/// <summary>What a migration will move and about how long it takes: users counted, orders from the backend's status counts.</summary>
public sealed record MigrationPlan(long Users, long Orders, TimeSpan EstimatedDuration)
{
    public override string ToString() =>
        $"{Users} users and about {Orders} orders to copy, about {Math.Max(1, Math.Ceiling(EstimatedDuration.TotalSeconds)):0} s";
}
