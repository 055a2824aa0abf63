using Dashboard.Core.Access;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Dashboard.Access;

/// <summary>Sign-in (local accounts or OpenID Connect), the policies, the current person and the security headers.</summary>
public static class AccessHostExtensions
{
    public const string CookieName = "dashboard.auth";

    public static WebApplicationBuilder AddDashboardAccess(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<AuthOptions>().Bind(builder.Configuration.GetSection(AuthOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AuthOptions>, AuthOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<SignInLockout>();
        services.AddSingleton<LocalSignIn>();
        services.AddHttpContextAccessor();
        services.RemoveAll<ICurrentPerson>();
        services.AddScoped<ICurrentPerson, ClaimsCurrentPerson>();
        services.AddCascadingAuthenticationState();

        var auth = builder.Configuration.GetSection(AuthOptions.Section).Get<AuthOptions>() ?? new AuthOptions();
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
                o.Events.OnRedirectToLogin = context => RedirectOrStatus(context, StatusCodes.Status401Unauthorized);
                o.Events.OnRedirectToAccessDenied = context => RedirectOrStatus(context, StatusCodes.Status403Forbidden);
            });
        if (auth.UsesOpenIdConnect)
            authentication.AddOpenIdConnect(OpenIdConnectDefaults.AuthenticationScheme, o => OpenIdConnectMapping.Configure(o, auth.OpenIdConnect));

        services.AddAuthorization(AccessPolicies.Add);
        services.AddSingleton<IAuthorizationHandler, AccessHandler>();
        return builder;
    }

    /// <summary>Headers, HSTS outside Development, authentication and authorization, in that order.</summary>
    public static WebApplication UseDashboardAccess(this WebApplication app)
    {
        app.UseMiddleware<SecurityHeaders>();
        if (!app.Environment.IsDevelopment()) app.UseHsts();
        app.UseAuthentication();
        app.UseAuthorization();
        return app;
    }

    /// <summary>Sign-out (a form POST, so it carries an antiforgery token) and the identity provider's sign-in.</summary>
    public static WebApplication MapDashboardSignIn(this WebApplication app)
    {
        app.MapPost("/logout", async (HttpContext context, [FromForm] string? returnUrl, IOptions<AuthOptions> options) =>
        {
            await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            if (options.Value.UsesOpenIdConnect)
                return Results.SignOut(new AuthenticationProperties { RedirectUri = "/login" }, [OpenIdConnectDefaults.AuthenticationScheme]);
            return Results.LocalRedirect(ReturnUrls.LoginPath(ReturnUrls.LocalOrHome(returnUrl)));
        }).AllowAnonymous();
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
