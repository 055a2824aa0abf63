using Dashboard.Core.Domain;
using Dashboard.Services;

namespace Dashboard.Tests.Services;

public sealed class OrderDraftTests
{
    private static Order OrderIn(OrderStatus status, long version = 1) => new(
        "01ARZ3NDEKTSV4RRFFQ69G5FAV", "01ARZ3NDEKTSV4RRFFQ69G5FAW", status,
        [new OrderItem("A", "Alpha", 2, 1.50m)], 3m, "USD", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, version);

    [Fact]
    public void The_status_choices_are_the_current_status_and_its_allowed_moves()
    {
        Assert.Equal([OrderStatus.Pending, OrderStatus.Processing, OrderStatus.Cancelled], new OrderDraft(OrderIn(OrderStatus.Pending)).StatusChoices);
        Assert.Equal([OrderStatus.Delivered], new OrderDraft(OrderIn(OrderStatus.Delivered)).StatusChoices);
    }

    [Fact]
    public void Edits_are_changes_and_the_total_follows_them_live()
    {
        var draft = new OrderDraft(OrderIn(OrderStatus.Pending));
        Assert.False(draft.HasChanges);

        draft.Items[0].Quantity = 3;
        draft.AddItem();
        draft.Items[1].UnitPrice = 0.25m;

        Assert.True(draft.HasChanges);
        Assert.Equal(4.75m, draft.Total);
    }

    [Fact]
    public void Rebasing_after_a_conflict_keeps_edits_and_drops_a_status_no_longer_allowed()
    {
        var draft = new OrderDraft(OrderIn(OrderStatus.Pending)) { Status = OrderStatus.Cancelled };
        draft.Items[0].Quantity = 5;

        draft.Rebase(OrderIn(OrderStatus.Shipped, version: 3));

        Assert.Equal((3L, OrderStatus.Shipped, 5), (draft.Basis.Version, draft.Status, draft.Items[0].Quantity));
    }
}
