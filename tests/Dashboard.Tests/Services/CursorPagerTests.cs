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

    [Fact]
    public void Moving_to_a_page_seen_before_goes_back_to_it_with_its_number()
    {
        var pager = new CursorPager();
        pager.Loaded("t2");
        pager.MoveNext();
        pager.Loaded("t3");
        pager.MoveNext();

        pager.MoveTo("t2");
        Assert.Equal(("t2", 2, false), (pager.Current, pager.PageNumber, pager.HasNext));
        pager.MoveTo(null);
        Assert.Equal((null, 1), (pager.Current, pager.PageNumber));
    }

    [Fact]
    public void Moving_to_the_next_page_is_a_step_forward_and_to_an_unknown_one_a_new_start()
    {
        var pager = new CursorPager();
        pager.Loaded("t2");
        pager.MoveTo("t2");
        Assert.Equal(("t2", 2), (pager.Current, pager.PageNumber));

        pager.MoveTo("elsewhere");
        Assert.Equal(("elsewhere", 1, true), (pager.Current, pager.PageNumber, pager.HasPrevious));
    }

    [Fact]
    public void A_left_pager_is_taken_up_again_only_for_the_same_listing_and_once()
    {
        var pagers = new ListingPagers();
        var pager = new CursorPager();
        pager.Loaded("t2");
        pager.MoveNext();
        pagers.Leave("Users", "acme|ada", pager);

        Assert.NotSame(pager, pagers.Return("Users", "acme|bob"));
        pagers.Leave("Users", "acme|ada", pager);
        Assert.NotSame(pager, pagers.Return("Orders", "acme|ada"));
        Assert.Same(pager, pagers.Return("Users", "acme|ada"));
        Assert.NotSame(pager, pagers.Return("Users", "acme|ada"));
    }
}
