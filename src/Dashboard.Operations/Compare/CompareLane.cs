using System.Diagnostics;

namespace Dashboard.Operations.Compare;

/// <summary>Where one provider's part of a comparison stands.</summary>
public enum LanePhase { Waiting, Creating, Seeding, Ready, Running, TearingDown, Done, Failed }

/// <summary>
/// One provider's part of a comparison: its basis tenant, its scratch tenant and stores, its recorder, and how
/// far it got. The page reads <see cref="Phase"/>, <see cref="Recorder"/> and <see cref="Error"/> while it runs.
/// </summary>
public sealed class CompareLane(TenantDescriptor basis, IDataStoreProvider provider)
{
    public TenantDescriptor Basis => basis;
    public IDataStoreProvider Provider => provider;
    public string ProviderKind => basis.ProviderKind;
    public string Product => provider.ProductName;
    public CompareRecorder Recorder { get; } = new();

    public LanePhase Phase { get; internal set; } = LanePhase.Waiting;
    public string? Error { get; internal set; }
    public double SeedSeconds { get; internal set; }
    public TimeSpan LoadElapsed { get; internal set; }

    internal TenantDescriptor? Scratch { get; set; }
    /// <summary>The scratch store with the host's decorators but metering, which <see cref="Metered"/> adds with the lane's recorder.</summary>
    internal IDataStore? Store { get; set; }
    internal IDataStore? Metered { get; set; }
    internal Stopwatch Clock { get; } = new();

    internal void Fail(string message)
    {
        Error ??= message;
        Phase = LanePhase.Failed;
    }
}
