using Dashboard.Core.Domain;

namespace Dashboard.Tests.Domain;

public sealed class UlidGeneratorTests
{
    [Fact]
    public void Ids_sort_by_time_and_stay_ordered_within_one_millisecond()
    {
        var generator = new UlidGenerator();
        var at = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

        var sameMs = Enumerable.Range(0, 1000).Select(_ => generator.Next(at)).ToList();
        var later = generator.Next(at.AddMilliseconds(1));

        Assert.Equal(sameMs.Order(StringComparer.Ordinal), sameMs);
        Assert.Equal(1000, sameMs.Distinct().Count());
        Assert.True(string.CompareOrdinal(sameMs[^1], later) < 0);
        Assert.All(sameMs, id => Assert.True(UlidGenerator.IsValid(id)));
    }

    [Fact]
    public void The_time_part_encodes_the_millisecond()
    {
        // 1469918176385 ms is "01ARYZ6S41" in the ULID specification's example.
        var id = new UlidGenerator().Next(DateTimeOffset.FromUnixTimeMilliseconds(1469918176385));
        Assert.StartsWith("01ARYZ6S41", id);
    }

    [Fact]
    public void Ids_are_the_ones_the_earlier_hand_written_encoder_made_from_the_same_time_and_random_bytes()
    {
        // Expected values from the ULID specification's encoding, which ids already stored (and the seeded demo
        // data) were made with: they keep their value and their order.
        var random = new Queue<byte[]>([[37, 74, 111, 148, 185, 222, 3, 40, 77, 114], [1, 2, 3, 4, 5, 6, 7, 8, 255, 255]]);
        var generator = new UlidGenerator(_ => random.Dequeue());
        var at = DateTimeOffset.FromUnixTimeMilliseconds(1767323045006);

        Assert.Equal("01KDYAK34E4N56Z55SVR1JGKBJ", generator.Next(at));
        Assert.Equal("01KDYAK34E4N56Z55SVR1JGKBK", generator.Next(at));
        Assert.Equal("01KDYAK34F041061050R3GHZZZ", generator.Next(at.AddMilliseconds(1)));
        Assert.Equal("01KDYAK34F041061050R3GJ000", generator.Next(at.AddMilliseconds(1)));
    }

    [Theory]
    [InlineData("01ARZ3NDEKTSV4RRFFQ69G5FAV", true)]
    [InlineData("01arz3ndektsv4rrffq69g5fav", false)]
    [InlineData("81ARZ3NDEKTSV4RRFFQ69G5FAV", false)]
    [InlineData("01ARZ3NDEKTSV4RRFFQ69G5FA", false)]
    [InlineData("01ARZ3NDEKTSV4RRFFQ69G5FAU", false)]
    public void Validity_follows_the_crockford_alphabet_and_range(string id, bool valid) =>
        Assert.Equal(valid, UlidGenerator.IsValid(id));
}
