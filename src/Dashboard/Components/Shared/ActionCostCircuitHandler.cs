using Dashboard.Operations.Metering;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace Dashboard.Components.Shared;

/// <summary>
/// Wraps every inbound activity of a circuit (an event, a navigation, the first render) so the store calls
/// it makes add up in that circuit's <see cref="ActionUsage"/>, which <see cref="ActionCost"/> shows.
/// </summary>
public sealed class ActionCostCircuitHandler(ActionUsage usage) : CircuitHandler
{
    public override Func<CircuitInboundActivityContext, Task> CreateInboundActivityHandler(Func<CircuitInboundActivityContext, Task> next) =>
        async context =>
        {
            // Set inside an async lambda so the value stays with this activity's flow and never leaks to the caller.
            usage.BeginActivity();
            ActionUsage.Current = usage;
            await next(context);
        };
}
