using System.Text.Json;

namespace FaunaLocal.Tests;

/// <summary>Which changes become which events, read through /feed/1 (the same events a stream sends).</summary>
public sealed class EventSemanticsTests : IAsyncLifetime
{
    private ServerFixture _s = null!;

    public async ValueTask InitializeAsync()
    {
        _s = await ServerFixture.StartAsync();
        await Ok("""
            Collection.create({ name: "Product",
              indexes: { byKind: { terms: [{ field: ".kind" }], values: [{ field: ".price" }] } } })
            """);
    }

    public async ValueTask DisposeAsync() => await _s.DisposeAsync();

    private async Task<Reply> Ok(string fql)
    {
        var r = await _s.Query(fql);
        Assert.True(r.Status == 200, r.Body);
        return r;
    }

    private async Task<string> Create(string fields) => (await Ok($"Product.create({fields}).id")).Data.GetString()!;

    /// <summary>Every event of the source since its token was made: (type, data).</summary>
    private async Task<List<(string Type, JsonElement Data)>> Events(string token)
    {
        var page = await EventClient.Feed(_s, new { token, page_size = 1000 });
        Assert.True(page.Status == 200, page.Body);
        return [.. EventClient.Events(page).Select(e => (e.GetProperty("type").GetString()!, e.TryGetProperty("data", out var d) ? d : default))];
    }

    private static string Price(JsonElement data) => data.GetProperty("@doc").GetProperty("price").GetProperty("@int").GetString()!;

    [Fact]
    public async Task All_sees_creates_every_update_and_deletes_with_the_version_before()
    {
        var token = await EventClient.Token(_s, "Product.all().eventSource()");
        var id = await Create("{ kind: \"a\", price: 1 }");
        await Ok($"Product.byId(\"{id}\")!.update({{ note: \"any field\" }})");
        await Ok($"Product.byId(\"{id}\")!.delete()");
        var events = await Events(token);
        Assert.Equal(["add", "update", "remove"], events.Select(e => e.Type));
        Assert.Equal("any field", events[2].Data.GetProperty("@doc").GetProperty("note").GetString());
        Assert.Equal(id, events[2].Data.GetProperty("@doc").GetProperty("id").GetString());
    }

    [Fact]
    public async Task An_index_source_follows_its_terms_and_values_only()
    {
        var token = await EventClient.Token(_s, "Product.byKind(\"lamp\").eventSource()");
        var id = await Create("{ kind: \"lamp\", price: 10 }");
        await Create("{ kind: \"desk\", price: 10 }");                      // other terms: nothing
        await Ok($"Product.byId(\"{id}\")!.update({{ note: \"x\" }})");       // not covered: nothing
        await Ok($"Product.byId(\"{id}\")!.update({{ price: 11 }})");         // a covered value: update
        await Ok($"Product.byId(\"{id}\")!.update({{ kind: \"desk\" }})");    // leaves the terms: remove
        await Ok($"Product.byId(\"{id}\")!.update({{ kind: \"lamp\" }})");    // back in: add
        var events = await Events(token);
        Assert.Equal(["add", "update", "remove", "add"], events.Select(e => e.Type));
        Assert.Equal(["10", "11", "11", "11"], events.Select(e => Price(e.Data)));
    }

    [Fact]
    public async Task Where_turns_entering_and_leaving_the_filter_into_add_and_remove_and_projection_shapes_the_data()
    {
        var token = await EventClient.Token(_s, "Product.all().where(.price > 5) { price, double: .price * 2 }.eventSource()");
        var id = await Create("{ kind: \"a\", price: 1 }");                   // filtered out: nothing
        await Ok($"Product.byId(\"{id}\")!.update({{ price: 6 }})");          // enters: add
        await Ok($"Product.byId(\"{id}\")!.update({{ price: 7 }})");          // stays: update
        await Ok($"Product.byId(\"{id}\")!.update({{ price: 2 }})");          // leaves: remove, as it was
        await Ok($"Product.byId(\"{id}\")!.delete()");                        // already out: nothing
        var events = await Events(token);
        Assert.Equal(["add", "update", "remove"], events.Select(e => e.Type));
        Assert.Equal("""{"price":{"@int":"7"},"double":{"@int":"14"}}""", events[2].Data.GetRawText());
    }

    [Fact]
    public async Task Events_on_watched_fields_ignore_other_changes()
    {
        var token = await EventClient.Token(_s, "Product.all().eventsOn(.price)");
        var id = await Create("{ kind: \"a\", price: 1 }");
        await Create("{ kind: \"no price\" }");                               // created without the field: nothing
        await Ok($"Product.byId(\"{id}\")!.update({{ kind: \"b\" }})");       // price unchanged: nothing
        await Ok($"Product.byId(\"{id}\")!.update({{ price: 2 }})");
        await Ok($"Product.byId(\"{id}\")!.delete()");
        Assert.Equal(["add", "update", "remove"], (await Events(token)).Select(e => e.Type));
        // The older name works the same way.
        var older = await EventClient.Token(_s, "Product.byKind(\"z\").changesOn(.price)");
        await Create("{ kind: \"z\", price: 3 }");
        Assert.Equal(["add"], (await Events(older)).Select(e => e.Type));
    }

    [Fact]
    public async Task A_single_document_source_and_event_source_methods()
    {
        var id = await Create("{ kind: \"solo\", price: 1 }");
        var token = await EventClient.Token(_s, $"Set.single(Product.byId(\"{id}\")!).eventSource().map(p => p.price)");
        await Create("{ kind: \"other\", price: 1 }");
        await Ok($"Product.byId(\"{id}\")!.update({{ price: 2 }})");
        var events = await Events(token);
        Assert.Equal("update", Assert.Single(events).Type);
        Assert.Equal("""{"@int":"2"}""", events[0].Data.GetRawText());
    }

    [Fact]
    public async Task One_transaction_gives_its_events_in_write_order_with_shared_time_and_rising_cursors()
    {
        var token = await EventClient.Token(_s, "Product.all().eventSource()");
        await Ok("Set.sequence(0, 5).forEach(i => Product.create({ kind: \"batch\", price: i }))");
        var page = await EventClient.Feed(_s, new { token });
        var events = EventClient.Events(page);
        Assert.Equal(["0", "1", "2", "3", "4"], events.Select(e => Price(e.GetProperty("data"))));
        Assert.Single(events.Select(e => e.GetProperty("txn_ts").GetInt64()).Distinct());
        Assert.Equal(5, events.Select(e => e.GetProperty("cursor").GetString()).Distinct().Count());
        // Resuming inside the transaction gives exactly the rest of it.
        var rest = await EventClient.Feed(_s, new { token, cursor = events[1].GetProperty("cursor").GetString() });
        Assert.Equal(["2", "3", "4"], EventClient.Events(rest).Select(e => Price(e.GetProperty("data"))));
    }

    [Fact]
    public async Task A_failing_function_is_an_error_event_that_ends_the_page()
    {
        var token = await EventClient.Token(_s, "Product.all().map(p => if (p.price > 1) abort({ code: \"pricey\" }) else p.price).eventSource()");
        await Create("{ price: 1 }");
        await Create("{ price: 2 }");
        await Create("{ price: 3 }");
        var page = await EventClient.Feed(_s, new { token });
        var events = EventClient.Events(page);
        Assert.Equal(["add", "error"], events.Select(e => e.GetProperty("type").GetString()));
        var error = events[1].GetProperty("error");
        Assert.Equal("abort", error.GetProperty("code").GetString());
        Assert.Equal("""{"code":"pricey"}""", error.GetProperty("abort").GetRawText());
        Assert.False(page.Json.GetProperty("has_next").GetBoolean());

        var writer = await EventClient.Token(_s, "Product.all().map(p => Product.create({ copy: true })).eventSource()");
        await Create("{ price: 4 }");
        var refused = EventClient.Events(await EventClient.Feed(_s, new { token = writer }));
        Assert.Equal("invalid_effect", refused[0].GetProperty("error").GetProperty("code").GetString());
    }

    [Theory]
    [InlineData("Product.all().order(.price).eventSource()", "invalid_receiver")]
    [InlineData("Product.all().take(3).eventSource()", "invalid_receiver")]
    [InlineData("Product.all().drop(3).toStream()", "invalid_receiver")]
    [InlineData("[1, 2].toSet().eventSource()", "invalid_receiver")]
    [InlineData("Set.sequence(0, 3).eventSource()", "invalid_receiver")]
    [InlineData("Product.all().where(.price > 1).eventsOn(.price)", "invalid_receiver")]
    [InlineData("Product.byKind(\"a\").eventsOn(.colour)", "invalid_argument")]
    [InlineData("Product.all().eventsOn(x => x.price + 1)", "invalid_argument")]
    [InlineData("Product.all().eventsOn()", "invalid_argument")]
    [InlineData("Product.create({ source: Product.all().eventSource() })", "invalid_argument")]
    public async Task Sets_that_cannot_be_followed_are_refused(string fql, string code) => Assert.Equal(code, (await _s.Query(fql)).ErrorCode);

    [Fact]
    public async Task Index_sources_may_watch_what_the_index_covers()
    {
        foreach (var ok in new[] { "Product.byKind(\"a\").eventsOn(.price)", "Product.byKind(\"a\").eventsOn(.kind, .id)", "Product.all().eventsOn(.anything.nested)" })
            Assert.True((await _s.Query(ok)).Status == 200, ok);
        var simple = await _s.Post("""{"query":"Product.all().eventSource()"}""");
        Assert.Equal(JsonValueKind.String, simple.Data.ValueKind); // the simple format sends the bare token
    }
}
