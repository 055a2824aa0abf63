using System.Runtime.CompilerServices;

namespace Dashboard.Providers.Fauna.Live;

/// <summary>
/// Fauna's change feed: an event stream (<c>POST /stream/1</c>) of the target's event source. Our cursor is
/// Fauna's event cursor together with the source's token, because Fauna refuses a cursor older than the token
/// it is presented with: resuming re-opens the same source from just after the last change handled.
/// </summary>
internal sealed class FaunaChangeFeed(FaunaCall call, FaunaClient client)
{
    private const char Separator = '\n';

    public async IAsyncEnumerable<DataChange> WatchAsync(WatchTarget target, string? after, IChangeFeedReads reads,
        [EnumeratorCancellation] CancellationToken ct)
    {
        string token;
        string? cursor = null;
        if (after is not null && after.IndexOf(Separator) is > 0 and var split)
        {
            cursor = after[..split];
            token = after[(split + 1)..];
        }
        else
        {
            token = await reads.ReadAsync(t => SourceAsync(target, t), ct);
        }

        await using var events = client.StreamAsync(token, cursor, ct).GetAsyncEnumerator(ct);
        var positioned = false;
        while (true)
        {
            FaunaStreamEvent e;
            try
            {
                if (!await events.MoveNextAsync()) yield break;
                e = events.Current;
            }
            catch (Exception x) when (x is FaunaException or IOException or HttpRequestException && !ct.IsCancellationRequested)
            {
                throw new BackendUnavailableException(call.TenantId, FaunaStoreProvider.Product, $"the event stream broke: {x.Message}", x);
            }
            await reads.ReadAsync(_ => Task.FromResult(Meter(e)), ct);
            if (!positioned && e.Type != "error")
            {
                // The stream's first event (its status at the start position) says it is open.
                positioned = true;
                reads.Positioned();
            }
            if (e.Type == "error")
                throw new BackendUnavailableException(call.TenantId, FaunaStoreProvider.Product,
                    $"the event stream ended: {e.ErrorCode} {e.ErrorMessage}");
            if (!EventSources.Reports(target, e.Type) || e.Data is not IReadOnlyDictionary<string, object?> fields || e.Cursor is null) continue;
            var id = fields.GetValueOrDefault("ulid") as string;
            if (id is null) continue;
            var version = Convert.ToInt64(fields.GetValueOrDefault("version") ?? 0L, CultureInfo.InvariantCulture);
            yield return new DataChange(target, id, version, e.Cursor + Separator + token,
                DateTimeOffset.FromUnixTimeMilliseconds(e.TxnTs / 1000));
        }
    }

    private async Task<string> SourceAsync(WatchTarget target, CancellationToken ct)
    {
        object? answer;
        try
        {
            answer = await call.QueryAsync("watch_" + target.Kind.ToString().ToLowerInvariant(), EventSources.For(target), ct);
        }
        catch (FaunaException e) when (e.Code is "document_not_found" or "null_value")
        {
            throw new NotFoundException(target.IsAboutOrders ? "Order" : "User", target.Id ?? "");
        }
        return answer is IReadOnlyDictionary<string, object?> tagged && tagged.GetValueOrDefault("@stream") is string token
            ? token
            : answer as string ?? throw new BackendUnavailableException(call.TenantId, FaunaStoreProvider.Product, "Fauna returned no event source");
    }

    private static bool Meter(FaunaStreamEvent e)
    {
        FaunaClient.MeterEvent(e);
        return true;
    }
}
