namespace Dashboard.Services.Live;

/// <summary>
/// What an edit form does with a change seen live: load the new version (one read through the person's store);
/// without edits the form shows it, with edits it keeps them and holds the new version as the conflict to resolve
/// (<see cref="DraftEdit{TEntity, TDraft}.Incoming"/>). A change that arrives during a save waits for the save's
/// answer, so the form's own save is never taken for someone else's; a change already known is ignored.
/// </summary>
public sealed class LiveEdit<TEntity, TDraft>(
    Func<DraftEdit<TEntity, TDraft>?> edit,
    Func<TEntity, long> versionOf,
    Func<Task<Guarded<TEntity>>> reload,
    Func<TEntity, TEntity, string> describe)
    where TEntity : class
    where TDraft : class, IEditDraft<TEntity>
{
    private DataChange? _pending;

    /// <summary>The last change seen, for the page to say who, when and what.</summary>
    public ChangeNotice? Notice { get; set; }

    /// <summary>True while the conflict on screen came live (someone saved while the person was editing).</summary>
    public bool KeptEdits { get; private set; }

    public void Reset() => (Notice, KeptEdits, _pending) = (null, false, null);

    /// <summary>Handles a change; true when the form should render again.</summary>
    public async Task<bool> OnChangeAsync(DataChange change)
    {
        if (edit() is not { } current) return false;
        if (current.Saving)
        {
            _pending = change;
            return false;
        }
        if (change.Version <= Known(current)) return false;
        var before = current.Conflict ?? current.Draft.Basis;
        var newer = await reload();
        if (edit() is not { } now) return false;
        if (!newer.Ok)
        {
            Notice = new ChangeNotice(change.ChangedBy, change.At, "the new values could not be loaded: " + newer.Problem);
            return true;
        }
        if (versionOf(newer.Value!) <= Known(now)) return false;
        KeptEdits = now.Incoming(newer.Value!);
        Notice = ChangeNotice.Of(change, describe(before, newer.Value!));
        return true;
    }

    /// <summary>Saves, then handles a change that arrived meanwhile.</summary>
    public async Task<TEntity?> SaveAsync()
    {
        var saved = await edit()!.SaveAsync();
        KeptEdits = false;
        if (_pending is { } change)
        {
            _pending = null;
            await OnChangeAsync(change);
        }
        return saved;
    }

    /// <summary>Take theirs or keep mine: either way the live conflict is resolved.</summary>
    public void Resolve(Action choice)
    {
        choice();
        KeptEdits = false;
    }

    private long Known(DraftEdit<TEntity, TDraft> e) =>
        Math.Max(versionOf(e.Draft.Basis), e.Conflict is { } c ? versionOf(c) : 0);
}
