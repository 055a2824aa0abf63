using Dashboard.Core.Alerts;
using Dashboard.Services.Alerts;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Components.Shared;

/// <summary>
/// What the badge and the banner share: the open alerts, read on first render and then every
/// <see cref="Period"/> while the circuit is live (from <see cref="OpenAlerts"/>, which asks the app store once for everyone).
/// A failing read keeps the last list: the layout must never break because the app store is slow.
/// </summary>
public abstract class AlertWatch : ComponentBase, IDisposable
{
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(15);
    private readonly CancellationTokenSource _gone = new();

    [Inject] private OpenAlerts Alerts { get; set; } = null!;

    [Inject] private TimeProvider Clock { get; set; } = null!;

    protected IReadOnlyList<AlertRecord> Open { get; private set; } = [];

    /// <summary>Which of the open alerts this component shows.</summary>
    protected abstract IReadOnlyList<AlertRecord> Select(IReadOnlyList<AlertRecord> open);

    protected bool Watching { get; set; } = true;

    protected override async Task OnParametersSetAsync() => await ReadAsync();

    // After-render runs only once the circuit is live (never while prerendering), so the timer is a live page's.
    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender) _ = PollAsync();
    }

    private async Task PollAsync()
    {
        using var timer = new PeriodicTimer(Period, Clock);
        try
        {
            while (await timer.WaitForNextTickAsync(_gone.Token))
            {
                var shown = Open;
                await ReadAsync();
                // Every circuit's badge and banner poll: most ticks find the same alerts, and render nothing.
                if (!SameAlerts(shown, Open)) await InvokeAsync(StateHasChanged);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task ReadAsync()
    {
        if (!Watching)
        {
            Open = [];
            return;
        }
        try
        {
            Open = Select(await Alerts.ListAsync(_gone.Token));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Keep the last list; the next tick tries again.
        }
    }

    /// <summary>
    /// The same alerts with the same figures: an acknowledgement or resolution is a new version, an evaluation's new
    /// value and summary are not.
    /// </summary>
    private static bool SameAlerts(IReadOnlyList<AlertRecord> a, IReadOnlyList<AlertRecord> b) =>
        ReferenceEquals(a, b) || a.Select(Shown).SequenceEqual(b.Select(Shown));

    private static (long, long, AlertState, double, string) Shown(AlertRecord r) => (r.Id, r.Version, r.State, r.Value, r.Summary);

    public void Dispose()
    {
        _gone.Cancel();
        _gone.Dispose();
    }
}
