namespace FaunaLocal.Server;

/// <summary>
/// <c>GET /storage/1</c>: how many bytes the database a secret opens occupies, for billing storage the way Fauna
/// does (documents and indexes, child databases included). Authenticated like a query, by <c>Authorization:
/// Bearer &lt;secret&gt;</c>; any role may read it. Answered from running figures (<see cref="DatabaseStorage"/>)
/// at a snapshot (`txn_ts` is its time, as on every answer): <c>{"storage_bytes", "document_bytes", "index_bytes", "documents", "txn_ts"}</c>.
/// </summary>
public sealed class StorageEndpoint(Store store, FaunaLocalOptions options)
{
    public const string Path = "/storage/1";

    private readonly SecretResolver _secrets = new(options.Secret);

    public async Task HandleAsync(HttpContext ctx)
    {
        var (state, ts) = store.Snapshot();
        var auth = ctx.Request.Headers.Authorization.ToString();
        var principal = auth.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? _secrets.Resolve(auth[7..].Trim(), state) : null;
        var db = principal is null ? null : state.Root.Navigate(principal.DbPath);
        if (db is null)
        {
            ctx.Response.Headers.WWWAuthenticate = "Bearer";
            await QueryEndpoint.Protocol(ctx, 401, "unauthorized", "Invalid token, unable to authenticate request.");
            return;
        }
        var storage = DatabaseStorage.Of(db);
        await JsonAnswer.WriteAsync(ctx, 200, w =>
        {
            w.WriteNumber("storage_bytes", storage.Bytes);
            w.WriteNumber("document_bytes", storage.DocumentBytes);
            w.WriteNumber("index_bytes", storage.IndexBytes);
            w.WriteNumber("documents", storage.Documents);
            w.WriteNumber("txn_ts", ts);
        });
    }
}
