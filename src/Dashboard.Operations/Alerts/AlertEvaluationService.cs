using Dashboard.Core.Alerts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Dashboard.Operations.Alerts;

/// <summary>
/// Runs an evaluation round every <c>EvaluateEverySeconds</c> on every instance; the lease makes all but one skip it.
/// Off when <c>Alerts:Enabled</c> is false or the host keeps no alert store (a host without the app store).
/// </summary>
public sealed class AlertEvaluationService(IServiceProvider services, IOptionsMonitor<AlertsOptions> options, TimeProvider clock, ILogger<AlertEvaluationService> log)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.CurrentValue.Enabled) return;
        if (services.GetService<IAlertStore>() is null || services.GetService<IFleetLease>() is null)
        {
            log.LogInformation("Alerts are off: this host keeps no alert store");
            return;
        }
        var engine = services.GetRequiredService<AlertEngine>();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await engine.RunOnceAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // The app store or the cost source down: the next round tries again.
                log.LogWarning(e, "Alert evaluation failed; retrying next round");
            }
            try
            {
                await Task.Delay(options.CurrentValue.EvaluateEvery, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
