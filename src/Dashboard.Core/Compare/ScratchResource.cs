namespace Dashboard.Core.Compare;

/// <summary>A scratch space a comparison made (or was about to make) beside <see cref="BasisTenant"/>, recorded before it exists.</summary>
public sealed record ScratchResource(string Name, string ProviderKind, string BasisTenant, string RunId, DateTimeOffset CreatedAt);

/// <summary>
/// The app store's list of scratch spaces not yet removed. A space is recorded before it is created and forgotten
/// after it is dropped, so whatever a crash leaves behind is on this list for the next start to remove.
/// </summary>
public interface IScratchLedger
{
    Task RecordAsync(ScratchResource resource, CancellationToken ct);

    Task ForgetAsync(string name, CancellationToken ct);

    Task<IReadOnlyList<ScratchResource>> ListAsync(CancellationToken ct);
}
