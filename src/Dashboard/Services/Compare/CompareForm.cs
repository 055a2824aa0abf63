using Dashboard.Operations.Compare;

namespace Dashboard.Services.Compare;

/// <summary>What the comparison form holds, turned into a request (checked by <see cref="CompareRequest.Problem"/>).</summary>
public sealed class CompareForm
{
    public CompareWorkload Workload { get; set; } = CompareWorkload.Realistic;
    public string MixTenant { get; set; } = "";
    public int Users { get; set; } = CompareRequest.UserPresets[0];
    public int Rate { get; set; } = 20;
    public int Seconds { get; set; } = 10;

    public static IReadOnlyList<int> Rates { get; } = [5, 20, 50, 100, 200, 500];
    public static IReadOnlyList<int> Durations { get; } = [5, 10, 30, 60, 120, 300];

    public CompareRequest ToRequest() =>
        new(Workload, Users, Rate, TimeSpan.FromSeconds(Seconds), Workload == CompareWorkload.TenantMix ? MixTenant : null);

    public static string SizeLabel(int users) => $"{users:N0} users (~{users * 4:N0} orders)";
}
