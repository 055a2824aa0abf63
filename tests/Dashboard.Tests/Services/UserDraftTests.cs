using Dashboard.Core.Domain;
using Dashboard.Services;

namespace Dashboard.Tests.Services;

public sealed class UserDraftTests
{
    private static User Ada(long version = 1, string name = "Ada Lovelace", string? avatar = null) => new(
        "01ARZ3NDEKTSV4RRFFQ69G5FAV", "ada@example.com", name, avatar, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, version);

    [Fact]
    public void A_new_draft_has_no_changes_and_sends_the_stored_values()
    {
        var draft = new UserDraft(Ada(avatar: "https://avatars.example.com/a.png"));

        Assert.False(draft.HasChanges);
        Assert.Equal(new UserChanges("ada@example.com", "Ada Lovelace", "https://avatars.example.com/a.png"), draft.ToChanges());
        Assert.Empty(draft.Problems);
    }

    [Fact]
    public void An_emptied_avatar_field_is_no_change_when_there_was_none()
    {
        var draft = new UserDraft(Ada()) { AvatarUrl = "" };

        Assert.False(draft.HasChanges);
        draft.Name = "Ada King";
        Assert.True(draft.HasChanges);
    }

    [Fact]
    public void Rebasing_keeps_the_edits_on_the_newer_version()
    {
        var draft = new UserDraft(Ada()) { Name = "Mine" };
        var theirs = Ada(version: 2, name: "Theirs");

        draft.Rebase(theirs);

        Assert.Equal((theirs, "Mine"), (draft.Basis, draft.Name));
        Assert.True(draft.HasChanges);
    }
}
