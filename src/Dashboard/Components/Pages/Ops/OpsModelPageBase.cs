using Dashboard.Core.Access;
using Dashboard.Services;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;

namespace Dashboard.Components.Pages.Ops;

/// <summary>
/// An ops page over one model: the page says how to query it and how to show it. The model a prerender built is
/// handed to the circuit's first render (<see cref="PrerenderedModels"/>) instead of being built again a moment
/// later; the timer's refreshes and every change of window, tenant or filter query as before.
/// </summary>
public abstract class OpsModelPageBase<TModel> : OpsPageBase where TModel : class
{
    private const string TicketKey = "ops-prerendered-model";

    private TModel? _model;
    private PersistingComponentStateSubscription? _persisting;

    [Inject] private PersistentComponentState PrerenderState { get; set; } = null!;
    [Inject] private PrerenderedModels Handoff { get; set; } = null!;
    [Inject] private ICurrentPerson Current { get; set; } = null!;

    /// <summary>The page's model, from this instance's store or from Prometheus (Metrics:Source).</summary>
    protected abstract Task<TModel> QueryAsync(CancellationToken ct);

    /// <summary>Puts the model on the page (tables, charts, the page of tenants asked for).</summary>
    protected abstract void Show(TModel model);

    protected sealed override async Task BuildAsync(CancellationToken ct)
    {
        var model = await QueryAsync(ct);
        _model = model;
        Show(model);
    }

    protected override void OnInitialized()
    {
        // Only a prerender hands its model on; a live circuit's models stay its own.
        if (!RendererInfo.IsInteractive) _persisting = PrerenderState.RegisterOnPersisting(HandOver, RenderMode.InteractiveServer);
    }

    /// <summary>
    /// Whose model it is: the page, its window and tenant, and the person with their role and grants. A ticket
    /// from any other scope (another tenant, another person, rights changed since) is never honoured.
    /// </summary>
    private string Scope
    {
        get
        {
            var person = Current.Person;
            return string.Join('|', GetType().FullName, Window.Key, Tenant ?? "", person.Id, person.Role?.ToString() ?? "",
                string.Join(',', person.Tenants.Order(StringComparer.Ordinal)));
        }
    }

    private Task HandOver()
    {
        // A failed build hands nothing: the circuit tries again itself.
        if (_model is not null && Problem is null && UpdatedAt is { } builtAt)
            PrerenderState.PersistAsJson(TicketKey, Handoff.Hold(Scope, builtAt, _model));
        return Task.CompletedTask;
    }

    protected override bool TryShowPrerendered(out DateTimeOffset builtAt)
    {
        builtAt = default;
        if (!PrerenderState.TryTakeFromJson<PrerenderTicket>(TicketKey, out var ticket) || ticket is null) return false;
        if (!Handoff.TryTake<TModel>(ticket, Scope, RefreshPeriod, out var model, out builtAt)) return false;
        _model = model;
        Show(model);
        return true;
    }

    protected override void OnDisposed() => _persisting?.Dispose();
}
