using Dashboard.Services;

namespace Dashboard.Tests.Services;

public sealed class CursorPagerTests
{
    [Fact]
    public void Forward_and_back_returns_the_tokens_of_the_pages_seen()
    {
        var pager = new CursorPager();
        pager.Loaded("t2");
        pager.MoveNext();
        pager.Loaded("t3");
        pager.MoveNext();

        Assert.Equal(("t3", 3), (pager.Current, pager.PageNumber));
        pager.MovePrevious();
        Assert.Equal(("t2", 2), (pager.Current, pager.PageNumber));
        pager.MovePrevious();
        Assert.Equal((null, 1, false), (pager.Current, pager.PageNumber, pager.HasPrevious));
    }

    [Fact]
    public void A_page_opened_by_link_goes_back_to_the_first_page()
    {
        var pager = new CursorPager();
        pager.Reset("from-link");

        Assert.True(pager.HasPrevious);
        pager.MovePrevious();
        Assert.Null(pager.Current);
    }

    [Fact]
    public void There_is_no_next_page_until_a_load_says_so()
    {
        var pager = new CursorPager();
        Assert.False(pager.HasNext);
        pager.MoveNext();
        Assert.Equal(1, pager.PageNumber);
    }
}
