using Dashboard.Operations.Queries;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Components.Pages.Ops;

/// <summary>
/// What the ops pages share: window and tenant from the URL, and auto-refresh on a timer (every 5 s, every
/// 30 s for the 24 h window, whose points are minutes wide). Pages only say how to build their model.
/// </summary>
public abstract class OpsPageBase : ComponentBase, IDisposable
{
    private CancellationTokenSource? _stop;
    // Cancels a query still running when the page goes away.
    private CancellationTokenSource? _gone;

    [SupplyParameterFromQuery(Name = "window")] public string? WindowKey { get; set; }
    [SupplyParameterFromQuery(Name = "tenant")] public string? Tenant { get; set; }

    protected OpsWindow Window => OpsWindow.Parse(WindowKey);
    protected bool AutoRefresh { get; private set; } = true;
    protected DateTimeOffset? UpdatedAt { get; private set; }

    /// <summary>Why the last refresh failed, shown by the toolbar; the previous figures stay on the page.</summary>
    protected string? Problem { get; private set; }

    [Inject] private Dashboard.Services.GuardedCalls Calls { get; set; } = null!;

    /// <summary>Builds the page's model: from this instance's store, or from Prometheus for the fleet (Metrics:Source).</summary>
    protected abstract Task BuildAsync(CancellationToken ct);

    private bool _firstParametersSet = true;

    /// <summary>How often the figures refresh while the page is open: every 30 s for windows of minute-wide points.</summary>
    protected TimeSpan RefreshPeriod => Window.Span > TimeSpan.FromHours(1) ? TimeSpan.FromSeconds(30) : TimeSpan.FromSeconds(5);

    /// <summary>
    /// On the circuit's first render: shows the model its prerender built, when there is one fit to show, and says
    /// when it was built; false when the page must build its own.
    /// </summary>
    protected virtual bool TryShowPrerendered(out DateTimeOffset builtAt)
    {
        builtAt = default;
        return false;
    }

    protected override async Task OnParametersSetAsync()
    {
        if (_firstParametersSet)
        {
            _firstParametersSet = false;
            if (RendererInfo.IsInteractive && TryShowPrerendered(out var builtAt))
            {
                UpdatedAt = builtAt;
                // The next refresh comes when a refresh after the prerender would have: figures are never older than one period.
                var due = RefreshPeriod - (DateTimeOffset.UtcNow - builtAt);
                RestartTimer(due > TimeSpan.Zero ? due : TimeSpan.Zero);
                return;
            }
        }
        await RefreshAsync();
        RestartTimer();
    }

    protected async Task RefreshAsync()
    {
        _gone ??= new CancellationTokenSource();
        var result = await Calls.RunAsync(() => BuildAsync(_gone.Token), unexpected: "These figures could not be computed right now; the next refresh tries again.");
        Problem = result.Problem;
        if (Problem is null) UpdatedAt = DateTimeOffset.UtcNow;
    }

    protected Task RefreshNow() => RefreshAsync();

    protected void SetAutoRefresh(bool on)
    {
        AutoRefresh = on;
        RestartTimer();
    }

    private void RestartTimer(TimeSpan? firstIn = null)
    {
        StopTimer();
        if (!AutoRefresh || !RendererInfo.IsInteractive) return;
        _stop = new CancellationTokenSource();
        _ = TickAsync(RefreshPeriod, firstIn, _stop.Token);
    }

    private async Task TickAsync(TimeSpan period, TimeSpan? firstIn, CancellationToken ct)
    {
        try
        {
            if (firstIn is { } wait)
            {
                await Task.Delay(wait, ct);
                await InvokeAsync(RefreshAndRenderAsync);
            }
            // Periods count from the last refresh, the first one included.
            using var timer = new PeriodicTimer(period);
            while (await timer.WaitForNextTickAsync(ct))
                await InvokeAsync(RefreshAndRenderAsync);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task RefreshAndRenderAsync()
    {
        await RefreshAsync();
        StateHasChanged();
    }

    private void StopTimer()
    {
        _stop?.Cancel();
        _stop?.Dispose();
        _stop = null;
    }

    /// <summary>What a derived page lets go of with the page.</summary>
    protected virtual void OnDisposed()
    {
    }

    public void Dispose()
    {
        OnDisposed();
        StopTimer();
        _gone?.Cancel();
        _gone?.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Chart x labels: at most <paramref name="shown"/> of them, the rest blank, so the axis stays readable.</summary>
    protected static string[] SparseLabels(IReadOnlyList<string> labels, int shown = 8)
    {
        var step = Math.Max(1, (int)Math.Ceiling(labels.Count / (double)shown));
        return labels.Select((l, i) => i % step == 0 ? l : "").ToArray();
    }

    protected static string Ms(double? ms) => ms switch
    {
        null => "—",
        < 10 => $"{ms:0.0} ms",
        < 10_000 => $"{ms:0} ms",
        _ => $"{ms / 1000:0.0} s",
    };

    protected static string Rate(double perSecond) => perSecond switch
    {
        0 => "0",
        < 0.01 => "< 0.01",
        < 10 => perSecond.ToString("0.##"),
        _ => perSecond.ToString("N0"),
    };

    /// <summary>Dollars: cents for real money, two significant digits for the tiny sums per-request pricing gives.</summary>
    protected static string Usd(decimal? usd)
    {
        if (usd is null) return "—";
        var v = usd.Value;
        if (v == 0) return "$0";
        if (v >= 0.01m) return $"${v:N2}";
        if (v < 0.000001m) return "< $0.000001";
        var digits = 1 - (int)Math.Floor(Math.Log10((double)v));
        return "$" + Math.Round(v, digits).ToString("0.##########");
    }

    protected static string Percent(double share) => share == 0 ? "0 %" : share < 0.001 ? "< 0.1 %" : $"{share * 100:0.#} %";
}
