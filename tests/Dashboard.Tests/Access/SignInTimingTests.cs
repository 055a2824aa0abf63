using System.Net;
using Dashboard.Access;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Access;

/// <summary>
/// Finding 3 on the real app: an unknown email and a wrong password do the same work (one PBKDF2 verification
/// of the same strength), so the time taken does not tell which emails are accounts. Timing itself is not
/// asserted here (see the report for measured figures); the work is.
/// </summary>
public sealed class SignInTimingTests
{
    [Fact]
    public async Task An_unknown_email_and_a_wrong_password_each_verify_one_hash_of_the_same_strength()
    {
        var hasher = new CountingPasswordHasher();
        await using var app = new DashboardServer
        {
            TestServices = s => s.AddSingleton<IPasswordHasher<LocalAccount>>(hasher),
        };
        var browser = app.Jar();
        var token = await browser.AntiforgeryTokenAsync();

        Assert.Equal(HttpStatusCode.BadRequest, (await browser.SignInAsync("ops@example.com", "not-the-password", token)).StatusCode);
        var wrongPassword = Assert.Single(hasher.Verified);
        hasher.Clear();
        Assert.Equal(HttpStatusCode.BadRequest, (await browser.SignInAsync("nobody-here@example.com", "not-the-password", token)).StatusCode);
        var unknownEmail = Assert.Single(hasher.Verified);

        Assert.NotEqual(wrongPassword, unknownEmail);
        Assert.Equal(UnknownAccountHash.IterationsOf(wrongPassword), UnknownAccountHash.IterationsOf(unknownEmail));
        Assert.Equal(100_000, UnknownAccountHash.IterationsOf(unknownEmail)); // the demo accounts' strength
    }
}
