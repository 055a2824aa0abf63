namespace Dashboard.Core.Access;

/// <summary>The refusals the service layer gives, worded for the person who sees them.</summary>
public static class AccessDenied
{
    public const string ViewerReason = "Read-only: viewers cannot change data.";

    public static ForbiddenException Tenant(Person person, string tenantId) => new(person.IsSignedIn
        ? $"You have no access to tenant '{tenantId}'."
        : "Sign in to see tenant data.");

    public static ForbiddenException Write(Person person, string tenantId) => new(person.Role == Role.Viewer
        ? ViewerReason
        : $"You may not change data of tenant '{tenantId}'.");
}
