using System.Text.Json;
using Dashboard.Core.Audit;

namespace Dashboard.Operations.Migrations;

/// <summary>Each step of a migration as one audit entry (entity "Migration", the tenant's id), with what the step found.</summary>
internal sealed class MigrationAudit(IAuditLog log, TimeProvider clock, MigrationRequest request)
{
    public const string Entity = "Migration";

    public Task StepAsync(string step, object details) =>
        log.AppendAsync(new AuditEntry(0, clock.GetUtcNow(), request.Actor.Id, request.Actor.Name, request.Tenant.Id, Entity, request.Tenant.Id,
            AuditAction.Migrate, null, JsonSerializer.Serialize(new
            {
                step,
                from = request.Tenant.ProviderKind,
                to = request.Target.ProviderKind,
                details,
            })), CancellationToken.None);
}
