namespace Dashboard.Core.Paging;

/// <summary>Walks a cursor-paged listing page by page, so a caller can go through all of it holding one page at a time.</summary>
public static class ListingPages
{
    /// <summary>Every page of the listing, from the first; a page is fetched only when the previous one was consumed.</summary>
    public static async IAsyncEnumerable<Page<T>> AllAsync<T>(
        Func<PageRequest, CancellationToken, Task<Page<T>>> list, int pageSize,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        string? token = null;
        do
        {
            ct.ThrowIfCancellationRequested();
            var page = await list(new PageRequest(pageSize, token), ct);
            yield return page;
            token = page.ContinuationToken;
        }
        while (token is not null);
    }
}
