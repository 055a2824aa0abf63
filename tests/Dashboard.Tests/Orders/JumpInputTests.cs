using Dashboard.Core.Jump;

namespace Dashboard.Tests.Orders;

public sealed class JumpInputTests
{
    [Theory]
    [InlineData("01ARZ3NDEKTSV4RRFFQ69G5FAV", JumpKind.Id, "01ARZ3NDEKTSV4RRFFQ69G5FAV")]
    [InlineData("  01arz3ndektsv4rrffq69g5fav\n", JumpKind.Id, "01ARZ3NDEKTSV4RRFFQ69G5FAV")]
    [InlineData("\"01ARZ3NDEKTSV4RRFFQ69G5FAV\"", JumpKind.Id, "01ARZ3NDEKTSV4RRFFQ69G5FAV")]
    [InlineData("https://admin.example.com/t/acme/orders/01ARZ3NDEKTSV4RRFFQ69G5FAV?x=1", JumpKind.Id, "01ARZ3NDEKTSV4RRFFQ69G5FAV")]
    [InlineData("Ada@Example.COM", JumpKind.Email, "ada@example.com")]
    [InlineData("<grace@example.com>", JumpKind.Email, "grace@example.com")]
    [InlineData("mailto:ada@example.com", JumpKind.Email, "ada@example.com")]
    [InlineData("ada@", JumpKind.Text, "ada@")]
    [InlineData("ada lovelace", JumpKind.Text, "ada lovelace")]
    [InlineData("01ARZ3NDEKTSV4RRFFQ69G5FA", JumpKind.Text, "01ARZ3NDEKTSV4RRFFQ69G5FA")]
    [InlineData("81ARZ3NDEKTSV4RRFFQ69G5FAV", JumpKind.Text, "81ARZ3NDEKTSV4RRFFQ69G5FAV")]
    [InlineData("a b@example.com", JumpKind.Text, "a b@example.com")]
    [InlineData("   ", JumpKind.Empty, "")]
    [InlineData(null, JumpKind.Empty, "")]
    public void Pasted_text_is_classified_as_an_id_an_email_or_a_search(string? raw, JumpKind kind, string value)
    {
        var input = JumpInput.Classify(raw);

        Assert.Equal(kind, input.Kind);
        Assert.Equal(value, input.Value);
    }
}
