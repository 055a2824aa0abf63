using Dashboard.Core.Domain;
using Dashboard.Core.Errors;

namespace Dashboard.Providers.Tests.Contract;

public abstract partial class StoreContractTests<TFixture>
{
    private const int Creators = 50;

    /// <summary>The same address as the person typed it: letters in a mix of cases, spaces around it.</summary>
    private static string Typed(string email, int variant) =>
        new string(' ', variant % 3)
        + string.Concat(email.Select((c, i) => ((variant >> (i % 6)) & 1) == 1 ? char.ToUpperInvariant(c) : c))
        + new string(' ', variant % 4);

    [Fact]
    public async Task Of_50_concurrent_creates_with_one_email_in_any_case_exactly_one_wins()
    {
        var outcomes = await Task.WhenAll(Enumerable.Range(0, Creators).Select(n => Task.Run(async () =>
        {
            try
            {
                return await Store.CreateUserAsync(new NewUser(Typed("same.person@example.com", n), $"Creator {n}"), Ct);
            }
            catch (ValidationException e) when (e.Errors.ContainsKey("email"))
            {
                return null;
            }
        }, Ct)));

        var winner = Assert.Single(outcomes, o => o is not null)!;
        Assert.Equal("same.person@example.com", winner.Email);
        Assert.Equal(winner, await Store.FindUserByEmailAsync(" SAME.person@example.com", Ct));
        Assert.Equal([winner.Id], (await AllUsersAsync()).Select(u => u.Id));
    }
}
