using Dashboard.Core.Errors;
using MudBlazor;

namespace Dashboard.Services;

/// <summary>
/// One form's saves: input the page refuses itself and validation from the store fill <see cref="Errors"/>, a
/// conflict runs the page's reload inside its own guarded call, anything else goes to the snackbar. Whatever
/// fails, the form stays as the person left it and can be saved again.
/// </summary>
public sealed class EditSession(GuardedCalls calls, string tenant)
{
    public FieldErrors Errors { get; } = new();

    public bool Saving { get; private set; }

    /// <summary>
    /// Saves unless <paramref name="refused"/> (the form's own checks, field → messages) says otherwise; returns
    /// the saved entity, or null when nothing was saved.
    /// </summary>
    public async Task<T?> SaveAsync<T>(Func<Task<T>> save, Func<Task>? reloadOnConflict = null,
        IReadOnlyDictionary<string, string[]>? refused = null) where T : class
    {
        Errors.Clear();
        if (refused is { Count: > 0 })
        {
            Errors.Set(refused);
            calls.Show("Not saved: " + string.Join(" ", refused.Values.SelectMany(m => m).Distinct()), Severity.Warning);
            return null;
        }
        Saving = true;
        try
        {
            var result = await calls.RunAsync(save, tenant);
            if (result.Ok) return result.Value;
            switch (result.Error)
            {
                case ValidationException invalid:
                    Errors.Set(invalid.Errors);
                    break;
                case ConflictException when reloadOnConflict is not null:
                    var reload = await calls.RunAsync(reloadOnConflict, tenant);
                    if (!reload.Ok)
                        calls.Show($"Someone else changed this, and the current values could not be loaded: {reload.Problem} Your edits are kept; save again to retry.", Severity.Error);
                    break;
                default:
                    calls.Show(result.Problem!, Severity.Error);
                    break;
            }
            return null;
        }
        finally
        {
            Saving = false;
        }
    }
}
