using Bunit;
using Dashboard.Components.Pages;
using Dashboard.Core.Audit;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Pages;

public sealed class AuditPageTests : DashboardTestContext
{
    [Fact]
    public async Task A_damaged_entry_shows_its_raw_text_and_the_rest_of_the_log_still_shows()
    {
        var log = Services.GetRequiredService<IAuditLog>();
        await log.AppendAsync(new AuditEntry(0, DateTimeOffset.UtcNow, "ops@example.com", "Olivia Ops", TenantId, "User", "01JD0000000000000000000001",
            AuditAction.Update, "{\"name\": \"Ada\"", "{\"name\": \"Ada\", \"name\": \"Augusta\", \"items\": [{\"quantity\": 1}]}"), Ct);
        await log.AppendAsync(new AuditEntry(0, DateTimeOffset.UtcNow, "ops@example.com", "Olivia Ops", TenantId, "User", "01JD0000000000000000000002",
            AuditAction.Update, "{\"name\": \"Grace\"}", "{\"name\": \"Grace Hopper\"}"), Ct);
        RenderProviders();

        var cut = Render<Audit>();

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[aria-label='Audit log entries'] tbody tr").Count));
        Assert.Contains("raw", cut.Markup);
        Assert.Contains("Augusta", cut.Markup);
        Assert.Contains("Grace Hopper", cut.Markup);
        Assert.Empty(cut.FindAll("[role=alert]"));
    }
}
