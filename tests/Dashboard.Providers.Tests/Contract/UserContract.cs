using Dashboard.Core.Domain;
using Dashboard.Core.Errors;

namespace Dashboard.Providers.Tests.Contract;

public abstract partial class StoreContractTests<TFixture>
{
    [Fact]
    public async Task Created_user_reads_back_normalised_with_version_1()
    {
        var created = await Store.CreateUserAsync(new NewUser("  Grace.Hopper@Example.COM ", "  Grace Hopper ", "https://example.com/g.png"), Ct);

        var read = await Store.GetUserAsync(created.Id, Ct);

        Assert.Equal(created, read);
        Assert.Equal("grace.hopper@example.com", read.Email);
        Assert.Equal("Grace Hopper", read.Name);
        Assert.Equal("https://example.com/g.png", read.AvatarUrl);
        Assert.Equal(1, read.Version);
        Assert.True(UlidGenerator.IsValid(read.Id));
    }

    [Fact]
    public async Task Find_by_email_ignores_case_and_returns_null_when_absent()
    {
        var user = await NewUserAsync("ada@example.com");

        Assert.Equal(user.Id, (await Store.FindUserByEmailAsync("ADA@Example.com", Ct))?.Id);
        Assert.Null(await Store.FindUserByEmailAsync("nobody@example.com", Ct));
    }

    [Fact]
    public async Task Email_is_unique_case_insensitively()
    {
        await NewUserAsync("bob@example.com");

        await AssertInvalidAsync("email", () => NewUserAsync("BOB@EXAMPLE.com"));

        Assert.Single(await AllUsersAsync());
    }

    [Theory]
    [InlineData("01ARZ3NDEKTSV4RRFFQ69G5FAV")]
    [InlineData("not-an-id")]
    [InlineData("")]
    public async Task Unknown_user_id_is_not_found(string id)
    {
        var error = await Assert.ThrowsAsync<NotFoundException>(() => Store.GetUserAsync(id, Ct));
        Assert.Equal("User", error.Entity);
    }

    [Fact]
    public async Task Update_changes_the_fields_and_bumps_the_version()
    {
        var user = await NewUserAsync("old@example.com", "Old Name");

        var updated = await Store.UpdateUserAsync(user.Id, user.Version, new UserChanges("New@Example.com", "New Name", null), Ct);

        var read = await Store.GetUserAsync(user.Id, Ct);
        Assert.Equal(updated, read);
        Assert.Equal(("new@example.com", "New Name", 2L), (read.Email, read.Name, read.Version));
        Assert.Equal(user.CreatedAt, read.CreatedAt);
        Assert.Null(await Store.FindUserByEmailAsync("old@example.com", Ct));
        Assert.Equal(user.Id, (await Store.FindUserByEmailAsync("new@example.com", Ct))?.Id);
    }

    [Fact]
    public async Task An_email_given_up_by_one_user_can_be_taken_by_another()
    {
        var first = await NewUserAsync("shared@example.com");
        await Store.UpdateUserAsync(first.Id, first.Version, new UserChanges("moved@example.com", first.Name), Ct);

        var second = await NewUserAsync("shared@example.com");

        Assert.Equal(second.Id, (await Store.FindUserByEmailAsync("shared@example.com", Ct))?.Id);
    }

    [Fact]
    public async Task Update_to_another_users_email_is_refused_and_changes_nothing()
    {
        await NewUserAsync("taken@example.com");
        var user = await NewUserAsync("mine@example.com", "Mine");

        await AssertInvalidAsync("email", () => Store.UpdateUserAsync(user.Id, user.Version, new UserChanges("Taken@example.com", "Changed"), Ct));

        Assert.Equal(user, await Store.GetUserAsync(user.Id, Ct));
    }

    [Fact]
    public async Task Update_with_a_stale_version_is_a_conflict_and_changes_nothing()
    {
        var user = await NewUserAsync(name: "First");
        var current = await Store.UpdateUserAsync(user.Id, user.Version, new UserChanges(user.Email, "Second"), Ct);

        await Assert.ThrowsAsync<ConflictException>(() => Store.UpdateUserAsync(user.Id, user.Version, new UserChanges(user.Email, "Stale"), Ct));

        Assert.Equal(current, await Store.GetUserAsync(user.Id, Ct));
    }

    [Fact]
    public async Task Of_two_concurrent_user_updates_exactly_one_wins()
    {
        var user = await NewUserAsync(name: "Start");

        var results = await Task.WhenAll(new[] { "Left", "Right" }.Select(async name =>
        {
            try
            {
                return (await Store.UpdateUserAsync(user.Id, user.Version, new UserChanges(user.Email, name), Ct)).Name;
            }
            catch (ConflictException)
            {
                return null;
            }
        }));

        var winner = Assert.Single(results, r => r is not null);
        var read = await Store.GetUserAsync(user.Id, Ct);
        Assert.Equal((winner, 2L), (read.Name, read.Version));
    }

    [Fact]
    public async Task Updating_an_unknown_user_is_not_found()
    {
        await Assert.ThrowsAsync<NotFoundException>(() =>
            Store.UpdateUserAsync("01ARZ3NDEKTSV4RRFFQ69G5FAV", 1, new UserChanges("x@example.com", "X"), Ct));
    }

    [Theory]
    [InlineData("email", "", "Name")]
    [InlineData("email", "no-at-sign", "Name")]
    [InlineData("email", "two@@example.com", "Name")]
    [InlineData("email", "user@nodot", "Name")]
    [InlineData("name", "ok@example.com", "")]
    [InlineData("name", "ok@example.com", "   ")]
    [InlineData("name", "ok@example.com", "LONG")]
    [InlineData("name", "ok@example.com", "SURROGATE")]
    [InlineData("name", "ok@example.com", "CONTROL")]
    public async Task Bad_user_input_is_refused_and_nothing_is_stored(string field, string email, string name)
    {
        name = name switch
        {
            "LONG" => new string('x', 101),
            "SURROGATE" => "Ann \ud800 Lee",
            "CONTROL" => "Ann\u0000Lee",
            _ => name,
        };

        await AssertInvalidAsync(field, () => Store.CreateUserAsync(new NewUser(email, name), Ct));

        Assert.Empty(await AllUsersAsync());
    }

    [Fact]
    public async Task Avatar_must_be_an_absolute_http_url()
    {
        await AssertInvalidAsync("avatarUrl", () => Store.CreateUserAsync(new NewUser("a@example.com", "A", "ftp://example.com/a.png"), Ct));
        await AssertInvalidAsync("avatarUrl", () => Store.CreateUserAsync(new NewUser("a@example.com", "A", "/relative.png"), Ct));
        Assert.Empty(await AllUsersAsync());
    }

    [Fact]
    public async Task Names_of_exactly_100_characters_and_any_script_round_trip()
    {
        var longest = new string('é', 99) + "😀";
        var user = await NewUserAsync("unicode@example.com", longest);

        Assert.Equal(longest, (await Store.GetUserAsync(user.Id, Ct)).Name);
        Assert.Equal("Zoë Ångström 李小龍", (await NewUserAsync(name: "Zoë Ångström 李小龍")).Name);
    }
}
