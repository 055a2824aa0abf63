namespace Dashboard.Services;

/// <summary>The profile form's edit state: email, name and avatar address based on one version of the user.</summary>
public sealed class UserDraft(User basis) : IEditDraft<User>
{
    private static readonly IReadOnlyDictionary<string, string[]> NoProblems = new Dictionary<string, string[]>();

    public User Basis { get; private set; } = basis;

    public string? Email { get; set; } = basis.Email;

    public string? Name { get; set; } = basis.Name;

    public string? AvatarUrl { get; set; } = basis.AvatarUrl;

    /// <summary>An emptied avatar field is the same as none.</summary>
    public bool HasChanges => Email != Basis.Email || Name != Basis.Name || (AvatarUrl ?? "") != (Basis.AvatarUrl ?? "");

    /// <summary>None: every rule for a user is the store's, so its messages show beside the fields.</summary>
    public IReadOnlyDictionary<string, string[]> Problems => NoProblems;

    public UserChanges ToChanges() => new(Email ?? "", Name ?? "", AvatarUrl);

    public void Rebase(User current) => Basis = current;
}
