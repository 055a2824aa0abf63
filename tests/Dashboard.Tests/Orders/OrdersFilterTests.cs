using Dashboard.Core.Domain;
using Dashboard.Services;

namespace Dashboard.Tests.Orders;

public sealed class OrdersFilterTests
{
    [Fact]
    public void A_good_filter_reads_back_as_written()
    {
        var filter = OrdersFilter.Parse("pending", "2025-01-01", "2025-01-31");

        Assert.Empty(filter.Problems);
        Assert.Equal(OrderStatus.Pending, filter.Query.Status);
        Assert.Equal(new DateOnly(2025, 1, 1), filter.Query.From);
        Assert.Equal(new DateOnly(2025, 1, 31), filter.Query.To);
        Assert.Equal("Pending", filter.Parameters()["status"]);
        Assert.Equal("2025-01-31", filter.Parameters()["to"]);
    }

    [Theory]
    [InlineData("Lost", null, null, "not a status")]
    [InlineData("3", null, null, "not a status")]
    [InlineData(null, "2025-13-01", null, "not a date")]
    [InlineData(null, null, "yesterday", "not a date")]
    [InlineData(null, "2025-02-01", "2025-01-01", "ends")]
    public void Bad_values_are_dropped_and_named(string? status, string? from, string? to, string message)
    {
        var filter = OrdersFilter.Parse(status, from, to);

        Assert.Contains(filter.Problems, p => p.Contains(message));
        filter.Query.Check();
    }

    [Fact]
    public void The_window_is_an_id_range_of_whole_utc_days()
    {
        var query = OrdersFilter.Parse(null, "2025-03-02", "2025-03-02").Query;

        Assert.Equal(new DateTimeOffset(2025, 3, 2, 0, 0, 0, TimeSpan.Zero), Dashboard.Core.Domain.UlidBounds.TimeOf(query.MinId!));
        Assert.Equal(new DateTimeOffset(2025, 3, 3, 0, 0, 0, TimeSpan.Zero), Dashboard.Core.Domain.UlidBounds.TimeOf(query.IdBelow!));
        Assert.Equal("00000000000000000000000000", UlidBounds.Before("00000000000000000000000001"));
        Assert.Null(UlidBounds.Before("00000000000000000000000000"));
        Assert.Equal("01ARZ3NDEKTSV4RRFFQ69G5FAZ", UlidBounds.Before("01ARZ3NDEKTSV4RRFFQ69G5FB0"));
    }
}
