namespace Dashboard.Services;

/// <summary>What to tell a person when a store call fails, naming the tenant and its backend.</summary>
public static class StoreErrorText
{
    public static string Describe(Exception error, TenantDescriptor? tenant = null, string? productName = null)
    {
        var where = tenant is null ? null : $"{tenant.Id} ({productName ?? tenant.ProviderKind})";
        return error switch
        {
            BackendUnavailableException e => $"backend unavailable: {where ?? $"{e.Tenant} ({e.Provider})"}: {e.Reason}",
            ThrottledException e => $"{where ?? $"{e.Tenant} ({e.Provider})"} is throttling requests right now ({e.Cause}). Try again in a moment.",
            NotFoundException e => $"{e.Entity} {e.Id} does not exist in {tenant?.Id ?? "this tenant"}.",
            ConflictException => "This was changed by someone else; reload to see the current values.",
            ValidationException e => string.Join(" ", e.Errors.SelectMany(x => x.Value)),
            ForbiddenException e => e.Message,
            TenantDisabledException e => $"Tenant {e.Tenant} is disabled: its data cannot be read or changed until Ops enable it again.",
            TenantReadOnlyException e => e.Message,
            OperationCanceledException => $"{where ?? "The backend"} did not answer in time.",
            // Not a typed store error: a bug or an unforeseen fault. Its text stays in the log, not on the page.
            _ => $"Something unexpected went wrong{(where is null ? "" : $" with {where}")}. It has been logged; try again.",
        };
    }
}
