using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;

namespace Dashboard.Access;

/// <summary>
/// The current person from the signed-in principal: in a circuit (and while rendering a page) from Blazor's
/// authentication state, for plain HTTP endpoints from the request. Fails closed: unknown means anonymous.
/// </summary>
public sealed class ClaimsCurrentPerson(AuthenticationStateProvider authState, IHttpContextAccessor http) : ICurrentPerson
{
    private ClaimsPrincipal? _seen;
    private Person _person = Person.Anonymous;

    public Person Person
    {
        get
        {
            var user = CurrentPrincipal();
            if (!ReferenceEquals(user, _seen)) (_seen, _person) = (user, DashboardClaims.PersonOf(user));
            return _person;
        }
    }

    private ClaimsPrincipal? CurrentPrincipal()
    {
        try
        {
            // Blazor's server provider holds a completed task once the circuit or render has its user.
            var state = authState.GetAuthenticationStateAsync();
            if (state.IsCompletedSuccessfully) return state.Result.User;
        }
        catch (InvalidOperationException)
        {
            // Not inside a Razor component scope: a plain HTTP endpoint.
        }
        return http.HttpContext?.User;
    }
}
