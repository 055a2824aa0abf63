using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;

namespace Dashboard.Access;

/// <summary>
/// An open circuit (a browser tab) checks its session against the store every
/// <see cref="SessionOptions.CircuitRevalidationInterval"/>, bypassing the per-instance cache, so a sign-out in
/// another tab or a revocation by Ops reaches it within that interval on any instance. Once over, the circuit's
/// person becomes anonymous: the service layer refuses them and the page goes to the sign-in page.
/// </summary>
public sealed class SessionRevalidatingAuthenticationStateProvider(
    ILoggerFactory logs, SessionValidator validator, IOptionsMonitor<AuthOptions> options) : RevalidatingServerAuthenticationStateProvider(logs)
{
    protected override TimeSpan RevalidationInterval => options.CurrentValue.Sessions.CircuitRevalidationInterval;

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken ct)
    {
        if (authenticationState.User.Identity?.IsAuthenticated != true) return true; // nothing to end
        return await validator.ValidateAsync(authenticationState.User, fresh: true, ct) is not null;
    }
}
