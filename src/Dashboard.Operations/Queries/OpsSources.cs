namespace Dashboard.Operations.Queries;

/// <summary>
/// What the ops pages ask for. Two implementations each: this instance's rolling store (<see cref="ThroughputQuery"/>,
/// <see cref="ThrottlingQuery"/>, <see cref="CostQuery"/>) and Prometheus for the whole fleet (Queries/Fleet), chosen
/// by <c>Metrics:Source</c>. A report says which it is in its <see cref="FiguresScope"/>.
/// </summary>
public interface IThroughputSource
{
    Task<ThroughputReport> BuildAsync(OpsWindow window, string? tenant, CancellationToken ct);
}

public interface IThrottlingSource
{
    Task<ThrottlingReport> BuildAsync(OpsWindow window, string? tenant, CancellationToken ct);
}

public interface ICostSource
{
    Task<CostReport> BuildAsync(OpsWindow window, CancellationToken ct);
}
