namespace FaunaLocal.Server;

/// <summary>
/// <c>GET /usage/1</c>: the ops the server has reported spent in the database a secret opens since it started
/// (<see cref="UsageLedger"/>): <c>{"read_ops", "write_ops", "compute_ops"}</c>. Authenticated like a query, by
/// <c>Authorization: Bearer &lt;secret&gt;</c>; any role may read it.
/// </summary>
public sealed class UsageEndpoint(Store store, FaunaLocalOptions options, UsageLedger ledger)
{
    public const string Path = "/usage/1";

    private readonly SecretResolver _secrets = new(options.Secret);

    public async Task HandleAsync(HttpContext ctx)
    {
        var auth = ctx.Request.Headers.Authorization.ToString();
        var principal = auth.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? _secrets.Resolve(auth[7..].Trim(), store.Current) : null;
        if (principal is null)
        {
            ctx.Response.Headers.WWWAuthenticate = "Bearer";
            await QueryEndpoint.Protocol(ctx, 401, "unauthorized", "Invalid token, unable to authenticate request.");
            return;
        }
        var (read, write, compute) = ledger.Of(principal.DbPath);
        await JsonAnswer.WriteAsync(ctx, 200, w =>
        {
            w.WriteNumber("read_ops", read);
            w.WriteNumber("write_ops", write);
            w.WriteNumber("compute_ops", compute);
        });
    }
}
