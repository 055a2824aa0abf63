using AngleSharp.Dom;
using Bunit;
using Bunit.TestDoubles;
using Dashboard.Core;
using Dashboard.Core.Demo;
using Dashboard.Core.Stores;
using Dashboard.Providers.Sql;
using Dashboard.Services;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;

namespace Dashboard.Tests.Pages;

/// <summary>
/// bUnit with the app's real services over a real SQLite sandbox in a temp folder, seeded with demo data.
/// Tenant "broken" points at a file that cannot be opened, so its backend is really unavailable.
/// </summary>
public abstract class DashboardTestContext : BunitContext, IAsyncLifetime
{
    protected const string TenantId = "sandbox";
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "dashboard-ui-" + Guid.NewGuid().ToString("N"));

    protected DashboardTestContext()
    {
        // Generous: CI machines are small and the store is a real database; passing tests never wait this long.
        DefaultWaitTimeout = TimeSpan.FromSeconds(15);
        JSInterop.Mode = JSRuntimeMode.Loose;
        Directory.CreateDirectory(_folder);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Tenants:sandbox:Provider"] = "Sqlite",
            ["Tenants:sandbox:DisplayName"] = "Sandbox",
            ["Tenants:sandbox:Settings:ConnectionString"] = $"Data Source={Path.Combine(_folder, "sandbox.db")}",
            ["Tenants:broken:Provider"] = "Sqlite",
            ["Tenants:broken:DisplayName"] = "Broken",
            ["Tenants:broken:Settings:ConnectionString"] = $"Data Source={Path.Combine(_folder, "missing-folder", "broken.db")};Mode=ReadWrite",
        }).Build();
        Services.AddSingleton<IConfiguration>(configuration);
        Services.AddDashboardCore(configuration);
        Services.AddSqlProviders();
        Services.AddMudServices();
        Services.AddSingleton<TenantOverviewService>();
        Services.AddScoped<ThemePreference>();
    }

    protected ITenantStore Store => Services.GetRequiredService<ITenantStoreFactory>().For(TenantId);

    protected static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        var data = Services.GetRequiredService<ITenantStoreFactory>().DataStoreFor(TenantId);
        await data.EnsureSchemaAsync(Ct);
        await DemoDataSeeder.SeedAsync(data, Ct, userCount: 60);
    }

    public new async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }

    private IRenderedComponent<MudPopoverProvider>? _popovers;
    private IRenderedComponent<MudDialogProvider>? _dialogs;

    /// <summary>Renders (once) the popover and dialog providers MudBlazor needs, as the layout does; returns the dialogs.</summary>
    protected IRenderedComponent<MudDialogProvider> RenderProviders()
    {
        _popovers ??= Render<MudPopoverProvider>();
        return _dialogs ??= Render<MudDialogProvider>();
    }

    /// <summary>Where open selects and menus render their options.</summary>
    protected IRenderedComponent<MudPopoverProvider> Popovers
    {
        get
        {
            RenderProviders();
            return _popovers!;
        }
    }

    protected BunitNavigationManager Navigation => Services.GetRequiredService<BunitNavigationManager>();
}

/// <summary>Finding things the way a person does: by label and by button text.</summary>
public static class PersonLikeQueries
{
    public static IElement Button<T>(this IRenderedComponent<T> cut, string text) where T : Microsoft.AspNetCore.Components.IComponent =>
        cut.FindAll("button").FirstOrDefault(b => string.Equals(b.TextContent.Trim(), text, StringComparison.OrdinalIgnoreCase))
        ?? throw new InvalidOperationException($"No button '{text}' in: {string.Join(", ", cut.FindAll("button").Select(b => b.TextContent.Trim()))}");

    /// <summary>The input a visible label names (MudBlazor links label and input by for/id).</summary>
    public static IElement Field<T>(this IRenderedComponent<T> cut, string label) where T : Microsoft.AspNetCore.Components.IComponent
    {
        var element = cut.FindAll("label").FirstOrDefault(l => l.TextContent.Trim().TrimEnd('*').Trim() == label)
            ?? throw new InvalidOperationException($"No field labelled '{label}'.");
        var id = element.GetAttribute("for");
        return cut.Find($"#{id}");
    }

    /// <summary>Types into a field as a person would (MudBlazor's immediate fields listen to input events).</summary>
    public static void Type<T>(this IRenderedComponent<T> cut, string label, string value) where T : Microsoft.AspNetCore.Components.IComponent =>
        cut.Field(label).Input(value);

    /// <summary>The helper or error text shown under the field with this label.</summary>
    public static string FieldMessage<T>(this IRenderedComponent<T> cut, string label) where T : Microsoft.AspNetCore.Components.IComponent
    {
        var input = cut.Field(label);
        var control = input.Closest(".mud-input-control") ?? throw new InvalidOperationException("Not a MudBlazor field.");
        // The helper line holds the message and, for fields with a counter, "n / max" after it.
        return control.QuerySelector(".mud-input-helper-text > div:first-child")?.TextContent.Trim() ?? "";
    }
}
