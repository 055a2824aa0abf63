using Dashboard.Core.Domain;
using Dashboard.Core.Errors;
using Dashboard.Core.Stores;
using static Dashboard.Providers.Tests.BadInput.PropertyViolation;

namespace Dashboard.Providers.Tests.BadInput;

/// <summary>
/// Runs one <see cref="BadInputCase"/> through <see cref="ITenantStore"/> and checks the property: every step ends
/// as a validation error naming fields with messages (or, for an odd id or version, not-found or conflict), or
/// as a stored entity that reads back identical to what the service returned and to the normalised input.
/// A refused step leaves the store as it was. Any other exception escapes and fails the run.
/// </summary>
public sealed partial class CaseRunner(ITenantStore store, StoreModel model, OutcomeCounts counts, CancellationToken ct)
{
    private User? _lastUser;
    private Order? _lastOrder;

    /// <summary>
    /// When a case's own user or order is refused, its later steps work on the last one that was stored (as the
    /// model now holds it), so every step runs on a real entity and orders meet every status of the life cycle.
    /// </summary>
    public async Task RunAsync(BadInputCase c)
    {
        var subject = await CreateUserAsync(c.NewUser) ?? (_lastUser ??= await StartingUserAsync());
        _lastUser = await UpdateUserAsync(subject, c);
        var order = await CreateOrderAsync(subject, c) ?? (_lastOrder ??= await StartingOrderAsync(subject));
        _lastOrder = await UpdateOrderAsync(order, c);
    }

    private async Task<User?> CreateUserAsync(UserInput input)
    {
        var email = Expected.Email(input.Email.Value);
        var taken = model.OwnerOf(email);
        var (user, error) = await AttemptAsync("create user", () => store.CreateUserAsync(new NewUser(input.Email.Value!, input.Name.Value!, input.AvatarUrl.Value), ct));
        if (user is null)
        {
            Require(error is ValidationException, $"creating a user ended as {error?.GetType().Name}");
            Require(!(input.Valid && taken is null), $"valid user input was refused: {error!.Message}");
            if (input.Valid) Require(((ValidationException)error!).Errors.ContainsKey("email"), $"a taken email was refused on other fields: {error.Message}");
            if (email is not null) Require(Equals(await store.FindUserByEmailAsync(email, ct), taken), "after a refused create, its email finds something new");
            return null;
        }
        Require(taken is null, $"a second user was created with the email of {taken?.Id}");
        Require(Expected.Violation(user) is null, $"the created user breaks a rule: {Expected.Violation(user)}");
        var wanted = new User(user.Id, email!, Expected.Text(input.Name.Value)!, Expected.AvatarUrl(input.AvatarUrl.Value), user.CreatedAt, user.CreatedAt, 1);
        Require(user == wanted, $"the service returned {user}, not the normalised input {wanted}");
        await ReadsBackAsync(user);
        Require(Equals(await store.FindUserByEmailAsync(input.Email.Value!, ct), user), "the email as typed does not find the user");
        model.Users[user.Id] = user;
        counts.Cover(Coverage.Of(user, input.Email.Value));
        return user;
    }

    private async Task<User> UpdateUserAsync(User current, BadInputCase c)
    {
        var id = IdSamples.Resolve(c.UserTarget, current.Id, c.Salt);
        var version = IdSamples.Resolve(c.UserVersion, current.Version);
        var (idReal, versionOk) = (id == current.Id, version == current.Version);
        var email = Expected.Email(c.Changes.Email.Value);
        var taken = model.OwnerOf(email) is { } owner && owner.Id != current.Id ? owner : null;
        var changes = new UserChanges(c.Changes.Email.Value!, c.Changes.Name.Value!, c.Changes.AvatarUrl.Value);

        var (user, error) = await AttemptAsync("update user", () => store.UpdateUserAsync(id!, version, changes, ct));
        if (user is null)
        {
            RequireFault(error!, idReal, versionOk, c.Changes.Valid && taken is null);
            await ReadsBackAsync(current);
            if (email is not null && email != current.Email)
                Require(Equals(await store.FindUserByEmailAsync(email, ct), taken), "after a refused update, its new email finds something new");
            return current;
        }
        Require(idReal && versionOk, $"an update with id {Show.Value(id)} at version {version} succeeded");
        Require(taken is null, $"a user took the email of {taken?.Id}");
        Require(Expected.Violation(user) is null, $"the updated user breaks a rule: {Expected.Violation(user)}");
        var wanted = current with
        {
            Email = email!, Name = Expected.Text(c.Changes.Name.Value)!, AvatarUrl = Expected.AvatarUrl(c.Changes.AvatarUrl.Value),
            UpdatedAt = user.UpdatedAt, Version = current.Version + 1,
        };
        Require(user == wanted, $"the service returned {user}, not the normalised input {wanted}");
        Require(user.UpdatedAt >= current.UpdatedAt, "the update moved UpdatedAt back");
        await ReadsBackAsync(user);
        if (current.Email != user.Email) Require(await store.FindUserByEmailAsync(current.Email, ct) is null, "the old email still finds the user");
        model.Users[user.Id] = user;
        counts.Cover(Coverage.Of(user, c.Changes.Email.Value));
        return user;
    }

    /// <summary>A refused write's error must fit the input: not-found only for an odd id, conflict only for a wrong version.</summary>
    private static void RequireFault(StoreException error, bool idReal, bool versionOk, bool inputValid)
    {
        switch (error)
        {
            case NotFoundException:
                Require(!idReal, "the real id was not found");
                break;
            case ConflictException:
                Require(idReal && !versionOk, "a conflict without a wrong version");
                break;
            case ValidationException v:
                Require(!(idReal && versionOk && inputValid), $"valid input was refused: {v.Message}");
                break;
        }
    }

    private async Task<User> StartingUserAsync()
    {
        var user = await store.CreateUserAsync(new NewUser("first.subject@example.org", "First Subject"), ct);
        model.Users[user.Id] = user;
        return user;
    }

    private async Task ReadsBackAsync(User user)
    {
        var read = await store.GetUserAsync(user.Id, ct);
        Require(read == user, $"user {user.Id} reads back as {read}, not {user}");
        var found = await store.FindUserByEmailAsync(user.Email, ct);
        Require(found == user, $"email {Show.Text(user.Email)} finds {found?.ToString() ?? "nobody"}, not {user}");
    }

    /// <summary>Runs a step, keeping the typed refusals it may end in; a validation error must name fields with messages.</summary>
    private async Task<(T? Value, StoreException? Error)> AttemptAsync<T>(string step, Func<Task<T>> action) where T : class
    {
        try
        {
            var value = await action();
            counts.Add(step, "stored");
            return (value, null);
        }
        catch (Exception e) when (e is ValidationException or NotFoundException or ConflictException)
        {
            if (e is ValidationException v)
            {
                Require(v.Errors.Count > 0, "a validation error without fields");
                Require(v.Errors.All(f => !string.IsNullOrWhiteSpace(f.Key) && f.Value.Length > 0 && f.Value.All(m => !string.IsNullOrWhiteSpace(m))),
                    $"a validation error with an empty field or message: {v.Message}");
                counts.Cover(Coverage.Of(v));
            }
            counts.Add(step, e.GetType().Name.Replace("Exception", "", StringComparison.Ordinal));
            return (null, (StoreException)e);
        }
    }
}
