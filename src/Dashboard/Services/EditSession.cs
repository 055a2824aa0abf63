using MudBlazor;

namespace Dashboard.Services;

/// <summary>
/// How every form saves: input the form refuses itself and validation from the store fill <see cref="Errors"/>
/// beside the fields, a conflict runs the form's reload inside its own guarded call, anything else goes to the
/// snackbar, and a save that worked says so there. Whatever fails, the form stays as the person left it and can
/// be saved again. Forms that edit a stored version use it through <see cref="DraftEdit{TEntity, TDraft}"/>.
/// </summary>
public sealed class EditSession(GuardedCalls calls, string tenant)
{
    public FieldErrors Errors { get; } = new();

    public bool Saving { get; private set; }

    /// <summary>
    /// Saves unless <paramref name="refused"/> (the form's own checks, field → messages) says otherwise; returns
    /// the saved entity, or null when nothing was saved. <paramref name="saved"/> is the snackbar's success line.
    /// </summary>
    public async Task<T?> SaveAsync<T>(Func<Task<T>> save, Func<T, string> saved, Func<Task>? reloadOnConflict = null,
        IReadOnlyDictionary<string, string[]>? refused = null) where T : class
    {
        Errors.Clear();
        if (refused is { Count: > 0 })
        {
            Errors.Set(refused);
            Tell("Not saved: " + string.Join(" ", refused.Values.SelectMany(m => m).Distinct()), Severity.Warning);
            return null;
        }
        Saving = true;
        try
        {
            var result = await calls.RunAsync(save, tenant);
            if (result.Ok)
            {
                Tell(saved(result.Value!), Severity.Success);
                return result.Value;
            }
            switch (result.Error)
            {
                case ValidationException invalid:
                    // Beside the fields, and said once in the snackbar (an alert), so a screen reader hears it too.
                    Errors.Set(invalid.Errors);
                    Tell("Not saved: " + string.Join(" ", invalid.Errors.Values.SelectMany(m => m).Distinct()), Severity.Warning);
                    break;
                case ConflictException when reloadOnConflict is not null:
                    var reload = await calls.RunAsync(reloadOnConflict, tenant);
                    if (!reload.Ok)
                        Tell($"Someone else changed this, and the current values could not be loaded: {reload.Problem} Your edits are kept; save again to retry.", Severity.Error);
                    break;
                default:
                    Tell(result.Problem!, Severity.Error);
                    break;
            }
            return null;
        }
        finally
        {
            Saving = false;
        }
    }

    /// <summary>A line in the snackbar about this form.</summary>
    public void Tell(string message, Severity severity) => calls.Show(message, severity);
}
