namespace Dashboard.Operations.Queries;

/// <summary>
/// This process's name among the dashboard's instances (the host sets it from <c>Cluster:InstanceName</c>): the
/// throttle events it records carry it, and Prometheus's <c>instance</c> label for it should be the same.
/// </summary>
public sealed record InstanceName(string Value)
{
    /// <summary>Unique, but new at every start: the machine and process id.</summary>
    public static InstanceName FromProcess() => new($"{Environment.MachineName}:{Environment.ProcessId}");
}
