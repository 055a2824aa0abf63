using MudBlazor;

namespace Dashboard.Services;

/// <summary>
/// A form that edits one stored entity: the person's draft, saving it through an <see cref="EditSession"/>, and
/// what happens when someone else saved first. A conflict loads the stored version into <see cref="Conflict"/>;
/// the person then re-applies their changes (the draft is rebased onto it, to review and save — never saved
/// silently) or discards them.
/// </summary>
public sealed class DraftEdit<TEntity, TDraft>(
    EditSession session,
    Func<TEntity, TDraft> draftOf,
    Func<TDraft, Task<TEntity>> save,
    Func<TEntity, Task<TEntity>> reload,
    Func<TEntity, string> saved,
    TEntity stored)
    where TEntity : class
    where TDraft : class, IEditDraft<TEntity>
{
    public const string Reapplied = "Your changes now apply to the current version. Review them and press Save.";

    /// <summary>The edits, on top of <see cref="IEditDraft{TEntity}.Basis"/>.</summary>
    public TDraft Draft { get; private set; } = draftOf(stored);

    /// <summary>The stored version someone else saved, when the last save found one; null otherwise.</summary>
    public TEntity? Conflict { get; private set; }

    public FieldErrors Errors => session.Errors;

    public bool Saving => session.Saving;

    public bool HasChanges => Draft.HasChanges;

    /// <summary>Saves the draft against its basis version; returns the saved entity (and starts over from it), or null.</summary>
    public async Task<TEntity?> SaveAsync()
    {
        if (!Draft.HasChanges) return null;
        var draft = Draft;
        var stored = await session.SaveAsync(() => save(draft), saved,
            reloadOnConflict: async () => Conflict = await reload(draft.Basis), refused: draft.Problems);
        if (stored is not null) Load(stored);
        return stored;
    }

    /// <summary>Keeps the edits on top of the version someone else saved; Save then applies them to it.</summary>
    public void Reapply()
    {
        if (Conflict is null) return;
        Draft.Rebase(Conflict);
        Conflict = null;
        session.Tell(Reapplied, Severity.Info);
    }

    /// <summary>
    /// A newer stored version arrived while the form is open (someone saved, seen live). Without edits the form
    /// simply shows it. With edits they are kept and the newer version waits in <see cref="Conflict"/>, as after a
    /// refused save: <see cref="Reapply"/> keeps mine on top of it, <see cref="Discard"/> takes theirs. Returns
    /// true when the edits were kept.
    /// </summary>
    public bool Incoming(TEntity newer)
    {
        if (!Draft.HasChanges)
        {
            Load(newer);
            return false;
        }
        Conflict = newer;
        return true;
    }

    /// <summary>Drops the edits: back to the newest stored version known (someone else's after a conflict).</summary>
    public void Discard() => Load(Conflict ?? Draft.Basis);

    /// <summary>Starts over from <paramref name="entity"/>: no edits, no conflict, no errors.</summary>
    private void Load(TEntity entity)
    {
        Draft = draftOf(entity);
        Conflict = null;
        Errors.Clear();
    }
}
