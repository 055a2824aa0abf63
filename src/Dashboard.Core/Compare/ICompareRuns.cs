namespace Dashboard.Core.Compare;

/// <summary>A finished comparison as the app store keeps it: the headline fields, and the whole result as JSON.</summary>
public sealed record StoredCompareRun(string Id, DateTimeOffset StartedAt, DateTimeOffset FinishedAt, string StartedBy, string State, string Summary, string Json);

/// <summary>The comparisons kept in the app store (table <c>compare_runs</c>), newest first.</summary>
public interface ICompareRuns
{
    Task SaveAsync(StoredCompareRun run, CancellationToken ct);

    Task<StoredCompareRun?> GetAsync(string id, CancellationToken ct);

    Task<IReadOnlyList<StoredCompareRun>> ListAsync(int max, CancellationToken ct);
}
