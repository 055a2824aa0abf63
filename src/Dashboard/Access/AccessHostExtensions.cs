using Dashboard.AppStore.KeyRing;
using Dashboard.Cluster;
using Dashboard.Core;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Dashboard.Access;

/// <summary>
/// Sign-in (local accounts or OpenID Connect) with server-side sessions, the encrypted key ring that protects the
/// cookie, sign-in rate limits and lockout, trusted proxies, the policies, the current person and the security headers.
/// </summary>
public static class AccessHostExtensions
{
    public const string CookieName = "dashboard.auth";

    public static WebApplicationBuilder AddDashboardAccess(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;
        services.TryAddSingleton(TimeProvider.System);
        AddStartupChecks(services, configuration);
        services.AddAppStoreKeyRing(configuration, builder.Environment);
        AddSessions(services);
        AddSignInProtection(services);
        AddTrustedProxies(services);
        AddStrictTransport(services, configuration);
        AddCookieSignIn(services, configuration.GetSection(AuthOptions.Section).Get<AuthOptions>() ?? new AuthOptions());
        services.AddHttpContextAccessor();
        services.RemoveAll<ICurrentPerson>();
        services.AddScoped<ICurrentPerson, ClaimsCurrentPerson>();
        services.AddAuthorization(AccessPolicies.Add);
        services.AddSingleton<IAuthorizationHandler, AccessHandler>();
        return builder;
    }

    /// <summary>Configuration that cannot work, or is not fit outside Development, stops start-up with messages naming the keys.</summary>
    private static void AddStartupChecks(IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<AuthOptions, AuthOptionsValidator>(configuration.GetSection(AuthOptions.Section));
        services.AddValidatedOptions<TenantsOptions, DevelopmentSecretsRefused>();
        services.AddValidatedOptions<AppStoreOptions, DevelopmentSecretsRefused>();
        services.AddAvatarImagePolicy(configuration);
        services.AddValidatedOptions<ProxyOptions, ProxyOptionsValidator>(configuration.GetSection(ProxyOptions.Section));
    }

    /// <summary>Server-side sessions, checked per request (cookie) and per circuit (revalidating state provider).</summary>
    private static void AddSessions(IServiceCollection services)
    {
        services.AddSingleton<SessionValidator>();
        services.AddSingleton<PersonSessions>();
        services.AddScoped<SessionsAdmin>();
        services.AddHostedService<AccessHousekeeping>();
        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, SessionRevalidatingAuthenticationStateProvider>();
    }

    /// <summary>Local sign-in with equal work for unknown emails, lockout in the app store, and rate limits.</summary>
    private static void AddSignInProtection(IServiceCollection services)
    {
        services.AddSingleton<SignInLockout>();
        services.TryAddSingleton<IPasswordHasher<LocalAccount>, PasswordHasher<LocalAccount>>();
        services.AddSingleton<UnknownAccountHash>();
        services.AddSingleton<LocalSignIn>();
        services.AddSignInRateLimits();
    }

    /// <summary>X-Forwarded-For/-Proto from the configured proxies only; antiforgery cookies Secure like the sign-in cookie.</summary>
    private static void AddTrustedProxies(IServiceCollection services)
    {
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<ProxyOptions>>((forwarded, proxies) => proxies.Value.ApplyTo(forwarded));
        services.AddAntiforgery(o => o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);
    }

    /// <summary>HSTS as <see cref="HstsSettings"/> says; told explicitly, for loopback hosts too.</summary>
    private static void AddStrictTransport(IServiceCollection services, IConfiguration configuration)
    {
        var settings = configuration.GetSection(HstsSettings.Section).Get<HstsSettings>() ?? new HstsSettings();
        services.AddSingleton(settings);
        services.AddHsts(o =>
        {
            o.MaxAge = settings.MaxAge;
            if (settings.Enabled == true) o.ExcludedHosts.Clear();
        });
    }

    private static void AddCookieSignIn(IServiceCollection services, AuthOptions auth)
    {
        var authentication = services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(o =>
            {
                o.LoginPath = "/login";
                o.LogoutPath = "/logout";
                o.AccessDeniedPath = "/forbidden";
                o.ReturnUrlParameter = "returnUrl";
                o.Cookie.Name = CookieName;
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.ExpireTimeSpan = auth.SessionIdleTimeout;
                o.SlidingExpiration = true;
                o.Events.OnValidatePrincipal = SessionCookieValidation.ValidateAsync;
                o.Events.OnRedirectToLogin = context => RedirectOrStatus(context, StatusCodes.Status401Unauthorized);
                o.Events.OnRedirectToAccessDenied = context => RedirectOrStatus(context, StatusCodes.Status403Forbidden);
            });
        if (auth.UsesOpenIdConnect)
            authentication.AddOpenIdConnect(OpenIdConnectDefaults.AuthenticationScheme, o => OpenIdConnectMapping.Configure(o, auth.OpenIdConnect));
    }

    /// <summary>
    /// The forwarded scheme and client address (from known proxies only), headers, HSTS outside Development or
    /// when <c>Hsts:Enabled</c> (sent whenever the original request was https), sign-in rate limits, authentication
    /// and authorization.
    /// </summary>
    public static WebApplication UseDashboardAccess(this WebApplication app)
    {
        // With no proxy configured the middleware is left out: with empty lists it would believe any sender.
        if (app.Services.GetRequiredService<IOptions<ForwardedHeadersOptions>>().Value is { } forwarded
            && (forwarded.KnownProxies.Count > 0 || forwarded.KnownIPNetworks.Count > 0))
            app.UseForwardedHeaders();
        app.UseMiddleware<SecurityHeaders>();
        // Before sign-in can redirect: the first answer a browser gets already pins it to an instance.
        app.UseAffinityCookie();
        if (app.Services.GetRequiredService<HstsSettings>().SendsHsts(app.Environment)) app.UseHsts();
        app.UseSignInRateLimits();
        app.UseAuthentication();
        app.UseAuthorization();
        return app;
    }

    /// <summary>Sign-out (a form POST, so it carries an antiforgery token; it revokes the session) and the identity provider's sign-in.</summary>
    public static WebApplication MapDashboardSignIn(this WebApplication app)
    {
        app.MapPost("/logout", async (HttpContext context, [FromForm] string? returnUrl, IOptions<AuthOptions> options, PersonSessions sessions) =>
        {
            // The session ends in the store, so a copy of the cookie is worthless from now on.
            await sessions.EndAsync(context.User, context.RequestAborted);
            await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            if (options.Value.UsesOpenIdConnect)
                return Results.SignOut(new AuthenticationProperties { RedirectUri = "/login" }, [OpenIdConnectDefaults.AuthenticationScheme]);
            return Results.LocalRedirect(ReturnUrls.LoginPath(ReturnUrls.LocalOrHome(returnUrl)));
        }).AllowAnonymous();
        // 204 while this browser's session stands, 401 (the fallback policy) once it is over. The reconnect dialog
        // asks: a tab whose session ended while it was disconnected can never reconnect, and goes to sign in instead.
        app.MapGet("/session", (HttpContext context) =>
        {
            context.Response.Headers.CacheControl = "no-store";
            return Results.NoContent();
        });
        app.MapGet("/login/external", (string? returnUrl, IOptions<AuthOptions> options) => options.Value.UsesOpenIdConnect
            ? Results.Challenge(new AuthenticationProperties { RedirectUri = ReturnUrls.LocalOrHome(returnUrl) }, [OpenIdConnectDefaults.AuthenticationScheme])
            : Results.NotFound()).AllowAnonymous();
        return app;
    }

    /// <summary>A page request gets the redirect; the hub, /metrics and non-GETs get a plain status (a scraper or script cannot follow a login page).</summary>
    private static Task RedirectOrStatus(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        var request = context.Request;
        var isPage = HttpMethods.IsGet(request.Method)
            && !request.Path.StartsWithSegments("/_blazor")
            && !request.Path.StartsWithSegments("/metrics")
            && request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase);
        if (isPage)
        {
            context.Response.Redirect(context.RedirectUri);
            return Task.CompletedTask;
        }
        context.Response.StatusCode = status;
        if (context.HttpContext.Features.Get<IStatusCodePagesFeature>() is { } pages) pages.Enabled = false;
        return Task.CompletedTask;
    }
}
