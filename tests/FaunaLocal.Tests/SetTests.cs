using System.Text.Json;

namespace FaunaLocal.Tests;

public class SetTests : IDisposable
{
    private readonly TestDb _db = new();

    public SetTests()
    {
        _db.Simple("""
            Collection.create({ name: "Order",
              indexes: { byUser: { terms: [{ field: ".userId" }], values: [{ field: ".createdAt", order: "desc" }] } } })
            """);
        // 10 orders for u1, created a second apart, plus noise for another user.
        _db.Simple("""
            Set.sequence(0, 10).forEach(i => Order.create({ userId: "u1", n: i, createdAt: Time("2024-01-01T00:00:00Z").add(i, "seconds") }))
            Set.sequence(0, 3).forEach(i => Order.create({ userId: "u2", n: 100 + i, createdAt: Time("2024-01-01T00:00:00Z") }))
            """);
    }

    public void Dispose() => _db.Dispose();

    private (List<int> Ns, string? After) Page(string fql)
    {
        var page = _db.Simple(fql);
        var ns = page.GetProperty("data").EnumerateArray().Select(d => d.GetProperty("n").GetInt32()).ToList();
        return (ns, page.TryGetProperty("after", out var a) ? a.GetString() : null);
    }

    [Fact]
    public void PageSize_pages_in_index_order_and_the_last_page_has_no_cursor()
    {
        var (first, after) = Page("Order.byUser(\"u1\").pageSize(4)");
        Assert.Equal([9, 8, 7, 6], first);
        var (second, after2) = Page($"Set.paginate(\"{after}\")");
        Assert.Equal([5, 4, 3, 2], second);
        var (third, after3) = Page($"Set.paginate(\"{after2}\")");
        Assert.Equal([1, 0], third);
        Assert.Null(after3);
    }

    [Fact]
    public void Cursors_stay_put_when_documents_are_added_or_removed_before_them()
    {
        var (_, after) = Page("Order.byUser(\"u1\").pageSize(3)");
        // A newer order sorts first and an already-seen one disappears: the next page is unaffected.
        _db.Simple("Order.create({ userId: \"u1\", n: 50, createdAt: Time(\"2025-01-01T00:00:00Z\") })");
        _db.Simple("Order.byUser(\"u1\").where(.n == 9).first()!.delete()");
        Assert.Equal([6, 5, 4], Page($"Set.paginate(\"{after}\")").Ns);
    }

    [Fact]
    public void Paginate_with_a_new_size_and_the_object_form()
    {
        var (first, after) = Page("Order.byUser(\"u1\").paginate(2)");
        Assert.Equal([9, 8], first);
        Assert.Equal([7, 6, 5, 4, 3], Page($"Set.paginate(\"{after}\", 5)").Ns);
    }

    [Fact]
    public void Pages_of_filtered_mapped_and_ordered_sets()
    {
        var (evens, after) = Page("Order.all().where(.n % 2 == 0).map(o => { n: o.n }).pageSize(3)");
        Assert.Equal([0, 2, 4], evens);
        Assert.Equal([6, 8, 100], Page($"Set.paginate(\"{after}\")").Ns);

        var (ordered, after2) = Page("Order.all().order(desc(.n)).pageSize(5)");
        Assert.Equal([102, 101, 100, 9, 8], ordered);
        _db.Simple("Order.create({ userId: \"u3\", n: 500 })");
        Assert.Equal([7, 6, 5, 4, 3], Page($"Set.paginate(\"{after2}\")").Ns);
    }

    [Fact]
    public void Take_and_drop_keep_their_progress_across_pages()
    {
        var (first, after) = Page("Order.byUser(\"u1\").drop(1).take(5).pageSize(2)");
        Assert.Equal([8, 7], first);
        var (second, after2) = Page($"Set.paginate(\"{after}\")");
        Assert.Equal([6, 5], second);
        var (third, after3) = Page($"Set.paginate(\"{after2}\")");
        Assert.Equal([4], third);
        Assert.Null(after3);
    }

    [Fact]
    public void Cursors_carry_captured_variables()
    {
        var (first, after) = Page("let min = 5\nOrder.byUser(\"u1\").where(o => o.n >= min).pageSize(2)");
        Assert.Equal([9, 8], first);
        Assert.Equal([7, 6], Page($"Set.paginate(\"{after}\")").Ns);
    }

    [Fact]
    public void A_set_nested_in_a_value_is_its_first_page_as_fauna_materializes_it()
    {
        using var doc = JsonDocument.Parse(_db.Tagged("{ orders: Order.byUser(\"u1\").pageSize(4), n: 1 }"));
        var page = doc.RootElement.GetProperty("orders").GetProperty("@set");
        Assert.Equal(4, page.GetProperty("data").GetArrayLength());
        var after = page.GetProperty("after").GetString();
        Assert.Equal([5, 4, 3, 2], Page($"Set.paginate(\"{after}\")").Ns);
        // Sets nested deeper than ten levels travel as their cursor.
        var nested = string.Concat(Enumerable.Repeat("Set.single(", 10)) + "Order.byUser(\"u2\")" + new string(')', 10);
        var deep = _db.Tagged(nested);
        Assert.Equal(10, deep.Split("\"@set\":{").Length - 1);
        Assert.Single(deep.Split("\"@set\":\"").Skip(1));
    }

    [Fact]
    public void Set_terminal_methods()
    {
        Assert.Equal(13, _db.Simple("Order.all().count()").GetInt32());
        Assert.Equal(10, _db.Simple("Order.byUser(\"u1\").toArray().length").GetInt32());
        Assert.Equal(9, _db.Simple("Order.byUser(\"u1\").first()!.n").GetInt32());
        Assert.Equal(0, _db.Simple("Order.byUser(\"u1\").last()!.n").GetInt32());
        Assert.True(_db.Simple("Order.byUser(\"nobody\").isEmpty()").GetBoolean());
        Assert.Equal(45, _db.Simple("Order.byUser(\"u1\").fold(0, (s, o) => s + o.n)").GetInt32());
    }

    [Theory]
    [InlineData("Order.all().pageSize(0)", "invalid_bounds")]
    [InlineData("Order.all().pageSize(100001)", "invalid_bounds")]
    [InlineData("Order.all().take(-1)", "invalid_bounds")]
    [InlineData("Set.paginate(\"not-a-cursor\")", "invalid_argument")]
    public void Bad_page_arguments(string fql, string code) => Assert.Equal(code, _db.Error(fql).Code);
}
