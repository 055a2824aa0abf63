using Bunit;
using Dashboard.Core.Access;
using Dashboard.Core.Domain;
using Dashboard.Core.Errors;
using Dashboard.Services;
using Dashboard.Tests.Pages;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Services;

/// <summary>
/// The one way forms save (<see cref="EditSession"/>, and <see cref="DraftEdit{TEntity, TDraft}"/> for a stored
/// version), against the real sandbox store: validation fills the field errors, a conflict loads the stored
/// version inside its own guarded call, anything else goes to the snackbar, and re-applying rebases the draft
/// for the person to review — it never saves by itself.
/// </summary>
public sealed class EditSessionTests : DashboardTestContext
{
    private TenantScope Scope() =>
        Assert.IsType<TenantResolution.Found>(Services.GetRequiredService<TenantScopes>().Resolve(TenantId)).Scope;

    private GuardedCalls Calls => Services.GetRequiredService<GuardedCalls>();

    /// <summary>Runs on the renderer's thread, as an event handler does (the snackbar renders what it is given).</summary>
    private Task<T> AsHandler<T>(Func<Task<T>> work) => Renderer.Dispatcher.InvokeAsync(work);

    private Task AsHandler(Action work) => Renderer.Dispatcher.InvokeAsync(work);

    private async Task<(DraftEdit<User, UserDraft> Edit, User Ada)> EditAdaAsync()
    {
        _ = Snackbars;
        var ada = (await Store.FindUserByEmailAsync("ada@example.com", Ct))!;
        var edit = Calls.EditUser(Scope(), ada);
        return (edit, ada);
    }

    /// <summary>My draft says "Mine"; someone else stores "Theirs" first; my save finds the conflict.</summary>
    private async Task<(DraftEdit<User, UserDraft> Edit, User Ada)> ConflictOverAdaAsync()
    {
        var (edit, ada) = await EditAdaAsync();
        edit.Draft.Name = "Mine";
        await Store.UpdateUserAsync(ada.Id, ada.Version, new UserChanges(ada.Email, "Theirs"), Ct);
        Assert.Null(await AsHandler(edit.SaveAsync));
        return (edit, ada);
    }

    [Fact]
    public async Task A_save_stores_the_draft_says_so_and_starts_over_from_the_saved_version()
    {
        var (edit, ada) = await EditAdaAsync();
        edit.Draft.Name = "Ada King";

        var saved = await AsHandler(edit.SaveAsync);

        Assert.Equal(("Ada King", ada.Version + 1), (saved!.Name, saved.Version));
        Assert.Equal(saved, await Store.GetUserAsync(ada.Id, Ct));
        Assert.Equal(saved, edit.Draft.Basis);
        Assert.False(edit.HasChanges);
        Snackbars.WaitForAssertion(() => Assert.Equal(["Saved."], SnackbarTexts()));
    }

    [Fact]
    public async Task Validation_from_the_store_fills_the_field_errors_keeps_the_draft_and_saves_nothing()
    {
        var (edit, ada) = await EditAdaAsync();
        edit.Draft.Name = " ";
        edit.Draft.AvatarUrl = "ftp://example.com/me.png";

        Assert.Null(await AsHandler(edit.SaveAsync));

        Assert.Equal("Name is required.", edit.Errors.For("name"));
        Assert.Equal("Avatar URL must be an absolute http or https address.", edit.Errors.For("avatarUrl"));
        Assert.Equal(" ", edit.Draft.Name);
        Assert.Null(edit.Conflict);
        Assert.Equal(ada, await Store.GetUserAsync(ada.Id, Ct));
        Assert.Empty(SnackbarTexts());
    }

    [Fact]
    public async Task The_forms_own_checks_refuse_before_the_store_is_asked()
    {
        _ = Snackbars;
        var ada = (await Store.FindUserByEmailAsync("ada@example.com", Ct))!;
        var order = await Store.CreateOrderAsync(new NewOrder(ada.Id, "USD", [new OrderItem("SKU-1", "Keyboard", 2, 10.00m)]), Ct);
        var edit = Calls.EditOrder(Scope(), order);
        edit.Draft.Items[0].QuantityText = "two";

        Assert.Null(await AsHandler(edit.SaveAsync));

        Assert.Equal(NumberInput.QuantityProblem, edit.Errors.For("items[0].quantity"));
        Assert.Equal(order, await Store.GetOrderAsync(order.Id, Ct));
        Snackbars.WaitForAssertion(() => Assert.Equal(["Not saved: " + NumberInput.QuantityProblem], SnackbarTexts()));
    }

    [Fact]
    public async Task A_conflict_loads_the_stored_version_beside_my_unchanged_draft()
    {
        var (edit, ada) = await ConflictOverAdaAsync();

        Assert.Equal(await Store.GetUserAsync(ada.Id, Ct), edit.Conflict);
        Assert.Equal(("Theirs", ada.Version + 1), (edit.Conflict!.Name, edit.Conflict.Version));
        Assert.Equal(("Mine", ada.Version), (edit.Draft.Name, edit.Draft.Basis.Version));
        Assert.Null(edit.Errors.For("name"));
        Assert.Empty(SnackbarTexts());
    }

    [Fact]
    public async Task A_conflict_whose_reload_fails_says_so_in_the_snackbar_and_keeps_my_draft()
    {
        var (edit, ada) = await EditAdaAsync();
        edit.Draft.Name = "Mine";
        Faults.BeforeNextUpdate(async () =>
        {
            await Store.UpdateUserAsync(ada.Id, ada.Version, new UserChanges(ada.Email, "Theirs"), Ct);
            Faults.FailReads(new ThrottledException(TenantId, "SQLite sandbox", "SQLITE_BUSY (database is locked)"));
        });

        Assert.Null(await AsHandler(edit.SaveAsync));

        Assert.Null(edit.Conflict);
        Assert.Equal("Mine", edit.Draft.Name);
        Snackbars.WaitForAssertion(() => Assert.Equal(
            ["Someone else changed this, and the current values could not be loaded: sandbox (SQLite sandbox) is throttling requests right now (SQLITE_BUSY (database is locked)). Try again in a moment. Your edits are kept; save again to retry."],
            SnackbarTexts()));
    }

    [Fact]
    public async Task Any_other_failure_goes_to_the_snackbar_and_keeps_my_draft()
    {
        var (edit, ada) = await EditAdaAsync();
        edit.Draft.Name = "Mine";
        Faults.BeforeNextUpdate(() => throw new BackendUnavailableException(TenantId, "SQLite sandbox", "unable to open database file"));

        Assert.Null(await AsHandler(edit.SaveAsync));

        Assert.Empty(edit.Errors.Except());
        Assert.Null(edit.Conflict);
        Assert.True(edit.HasChanges);
        Assert.Equal(ada, await Store.GetUserAsync(ada.Id, Ct));
        Snackbars.WaitForAssertion(() => Assert.Equal(["backend unavailable: sandbox (SQLite sandbox): unable to open database file"], SnackbarTexts()));
    }

    [Fact]
    public async Task A_refusal_by_the_service_layer_goes_to_the_snackbar()
    {
        SignInAs(Role.Viewer, TenantId);
        var (edit, ada) = await EditAdaAsync();
        edit.Draft.Name = "Viewer was here";

        Assert.Null(await AsHandler(edit.SaveAsync));

        Assert.Equal(ada, await Store.GetUserAsync(ada.Id, Ct));
        Snackbars.WaitForAssertion(() => Assert.Equal([AccessDenied.ViewerReason], SnackbarTexts()));
    }

    [Fact]
    public async Task Reapplying_rebases_my_draft_onto_the_stored_version_and_saves_nothing_until_Save()
    {
        var (edit, ada) = await ConflictOverAdaAsync();
        var theirs = edit.Conflict!;

        await AsHandler(edit.Reapply);

        Assert.Null(edit.Conflict);
        Assert.Equal(theirs, edit.Draft.Basis);
        Assert.Equal("Mine", edit.Draft.Name);
        Assert.True(edit.HasChanges);
        Assert.Equal(theirs, await Store.GetUserAsync(ada.Id, Ct));
        Snackbars.WaitForAssertion(() => Assert.Equal([DraftEdit<User, UserDraft>.Reapplied], SnackbarTexts()));

        var saved = await AsHandler(edit.SaveAsync);

        Assert.Equal(("Mine", ada.Version + 2), (saved!.Name, saved.Version));
        Assert.Equal(saved, await Store.GetUserAsync(ada.Id, Ct));
    }

    [Fact]
    public async Task Reapplying_an_order_keeps_my_lines_and_their_status_and_saves_nothing_until_Save()
    {
        _ = Snackbars;
        var ada = (await Store.FindUserByEmailAsync("ada@example.com", Ct))!;
        var order = await Store.CreateOrderAsync(new NewOrder(ada.Id, "USD", [new OrderItem("SKU-1", "Keyboard", 2, 10.00m)]), Ct);
        var edit = Calls.EditOrder(Scope(), order);
        edit.Draft.Items[0].Quantity = 4;
        var theirs = await Store.UpdateOrderAsync(order.Id, order.Version, new OrderChanges(OrderStatus.Processing, order.Items), Ct);
        Assert.Null(await AsHandler(edit.SaveAsync));
        Assert.Equal(theirs, edit.Conflict);

        await AsHandler(edit.Reapply);

        Assert.Equal(theirs, edit.Draft.Basis);
        Assert.Equal((OrderStatus.Processing, 4), (edit.Draft.Status, edit.Draft.Items[0].Quantity));
        Assert.Equal(theirs, await Store.GetOrderAsync(order.Id, Ct));

        var saved = await AsHandler(edit.SaveAsync);

        Assert.Equal((OrderStatus.Processing, 4, 40.00m, order.Version + 2), (saved!.Status, saved.Items[0].Quantity, saved.Total, saved.Version));
    }

    [Fact]
    public async Task Discarding_after_a_conflict_starts_over_from_the_stored_version()
    {
        var (edit, ada) = await ConflictOverAdaAsync();

        await AsHandler(edit.Discard);

        Assert.Null(edit.Conflict);
        Assert.Equal(await Store.GetUserAsync(ada.Id, Ct), edit.Draft.Basis);
        Assert.Equal("Theirs", edit.Draft.Name);
        Assert.False(edit.HasChanges);
    }

    [Fact]
    public async Task A_create_form_saves_once_and_says_so()
    {
        _ = Snackbars;
        var session = Calls.Edit(TenantId);

        var created = await AsHandler(() => session.SaveAsync(
            () => Scope().Store.CreateUserAsync(new NewUser("created@example.com", "Created Person")), saved: u => $"User {u.Email} created."));

        Assert.Equal(created, await Store.FindUserByEmailAsync("created@example.com", Ct));
        Snackbars.WaitForAssertion(() => Assert.Equal(["User created@example.com created."], SnackbarTexts()));
    }
}
