using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Dashboard.Access;

/// <summary>
/// ASP.NET Core's rate limiter on sign-in attempts (POST /login): a sliding window per client address and one
/// per account (the email in the form). An antiforgery token can be replayed, so without this one client could
/// try passwords as fast as it can send them. Limits are per instance; the lockout behind them is shared.
/// </summary>
public static class SignInRateLimits
{
    public const string Rejection = "Too many sign-in attempts. Wait a minute and try again.";
    private const string EmailItem = "dashboard:sign-in-email";

    public static IServiceCollection AddSignInRateLimits(this IServiceCollection services)
    {
        services.AddRateLimiter(o =>
        {
            o.GlobalLimiter = PartitionedRateLimiter.CreateChained(
                PartitionedRateLimiter.Create<HttpContext, string>(http => IsSignInAttempt(http)
                    ? RateLimitPartition.GetSlidingWindowLimiter("address|" + ClientAddress.KeyOf(http), _ => Window(http, l => l.PerAddress))
                    : RateLimitPartition.GetNoLimiter("")),
                PartitionedRateLimiter.Create<HttpContext, string>(http => IsSignInAttempt(http) && http.Items[EmailItem] is string email
                    ? RateLimitPartition.GetSlidingWindowLimiter("account|" + email, _ => Window(http, l => l.PerAccount))
                    : RateLimitPartition.GetNoLimiter("")));
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = async (context, ct) =>
            {
                var http = context.HttpContext;
                // Sliding windows give no exact time; a whole window is an upper bound.
                var limits = http.RequestServices.GetRequiredService<IOptionsMonitor<AuthOptions>>().CurrentValue.SignInRateLimit;
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var exact)
                    ? exact
                    : TimeSpan.FromTicks(Math.Max(limits.PerAddress.Window.Ticks, limits.PerAccount.Window.Ticks));
                http.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SignInRateLimits))
                    .LogWarning("Sign-in attempt from {Address} for {Email} refused: rate limit", ClientAddress.KeyOf(http), http.Items[EmailItem]);
                http.Response.ContentType = "text/plain; charset=utf-8";
                await http.Response.WriteAsync(Rejection, ct);
            };
        });
        return services;
    }

    /// <summary>Reads the sign-in form's email (before the limiter, which cannot await) so attempts count per account too.</summary>
    public static IApplicationBuilder UseSignInRateLimits(this IApplicationBuilder app)
    {
        app.Use(async (http, next) =>
        {
            if (IsSignInAttempt(http) && http.Request.HasFormContentType)
            {
                try
                {
                    var form = await http.Request.ReadFormAsync(http.RequestAborted);
                    var email = AccountStamp.Normalize(form["Input.Email"].ToString());
                    if (email.Length > 0) http.Items[EmailItem] = email.Length > 320 ? email[..320] : email;
                }
                catch (InvalidDataException)
                {
                    // A malformed or oversized form: the address limit still applies, and the page refuses it.
                }
            }
            await next(http);
        });
        app.UseRateLimiter();
        return app;
    }

    private static bool IsSignInAttempt(HttpContext http) =>
        HttpMethods.IsPost(http.Request.Method) && http.Request.Path.Equals("/login", StringComparison.OrdinalIgnoreCase);

    private static SlidingWindowRateLimiterOptions Window(HttpContext http, Func<SignInRateLimitOptions, RateLimitWindow> pick)
    {
        var window = pick(http.RequestServices.GetRequiredService<IOptionsMonitor<AuthOptions>>().CurrentValue.SignInRateLimit);
        return new SlidingWindowRateLimiterOptions
        {
            PermitLimit = window.PermitLimit,
            Window = window.Window,
            SegmentsPerWindow = 6,
            QueueLimit = 0,
            AutoReplenishment = true,
        };
    }
}
