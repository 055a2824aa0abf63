namespace Dashboard.Services;

/// <summary>A form's edits on top of one stored version of an entity (see <see cref="DraftEdit{TEntity, TDraft}"/>).</summary>
public interface IEditDraft<TEntity> where TEntity : class
{
    /// <summary>The version the edits apply to; a save sends its version as the expected one.</summary>
    TEntity Basis { get; }

    bool HasChanges { get; }

    /// <summary>What Save refuses before asking the store (field → messages); empty when the store is the only judge.</summary>
    IReadOnlyDictionary<string, string[]> Problems { get; }

    /// <summary>Keeps the edits but bases them on <paramref name="current"/>, after a conflict: the next save applies them to it.</summary>
    void Rebase(TEntity current);
}
