namespace Dashboard.Services;

/// <summary>
/// The pager a list page leaves behind, kept for the circuit: coming back to the same listing (the back button after
/// opening a row) takes it up again, so the page shows its number and "Previous page" walks back through the pages
/// seen. A URL holds only the page's cursor, which tells neither. One per kind of page, so the kept state stays small.
/// </summary>
public sealed class ListingPagers
{
    private readonly Dictionary<string, (string Listing, CursorPager Pager)> _left = new(StringComparer.Ordinal);

    /// <summary>Keeps <paramref name="pager"/> as the last pager of <paramref name="kind"/>'s page, over <paramref name="listing"/>.</summary>
    public void Leave(string kind, string listing, CursorPager pager) => _left[kind] = (listing, pager);

    /// <summary>The pager left on <paramref name="listing"/> by the last page of <paramref name="kind"/>, or a new one.</summary>
    public CursorPager Return(string kind, string listing) =>
        _left.Remove(kind, out var left) && left.Listing == listing ? left.Pager : new CursorPager();
}
