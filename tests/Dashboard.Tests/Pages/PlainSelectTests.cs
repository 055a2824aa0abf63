using Bunit;
using Dashboard.Components.Plain;

namespace Dashboard.Tests.Pages;

/// <summary>The select renders again only when what it shows changes, and still follows the person's choice.</summary>
public sealed class PlainSelectTests : BunitContext
{
    private static readonly int[] Sizes = [25, 50, 100];

    [Fact]
    public void The_same_values_do_not_render_it_again_a_change_or_a_choice_does()
    {
        var chosen = new List<int>();
        var cut = Render<PlainSelect<int>>(p => p.Add(x => x.Label, "Rows per page").Add(x => x.Options, Sizes).Add(x => x.Value, 25)
            .Add(x => x.ValueChanged, v => chosen.Add(v)));

        cut.Render(p => p.Add(x => x.Label, "Rows per page").Add(x => x.Options, Sizes).Add(x => x.Value, 25));
        Assert.Equal(1, cut.RenderCount);

        cut.Render(p => p.Add(x => x.Disabled, true));
        Assert.Equal(2, cut.RenderCount);
        Assert.True(cut.Find("select").HasAttribute("disabled"));

        cut.Render(p => p.Add(x => x.Disabled, false));
        cut.Find("select").Change("50");
        Assert.Equal([50], chosen);
        Assert.Equal("50", cut.Find("option[selected]").GetAttribute("value"));
    }
}
