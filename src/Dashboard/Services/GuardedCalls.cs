using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Dashboard.Services;

/// <summary>What a guarded call gave: its value, or the failure and the sentence to show a person.</summary>
public readonly record struct Guarded<T>(T? Value, Exception? Error, string? Problem)
{
    public bool Ok => Error is null;
}

/// <summary>
/// How pages and dialogs call stores and readers: any failure, typed or not, becomes a sentence for the person
/// instead of an exception that would end the circuit. Unexpected failures are logged with their stack.
/// </summary>
public sealed class GuardedCalls(TenantRegistry registry, ISnackbar snackbar, ILogger<GuardedCalls> log)
{
    /// <summary>Runs <paramref name="call"/>; <paramref name="unexpected"/> replaces the generic sentence for untyped failures.</summary>
    public async Task<Guarded<T>> RunAsync<T>(Func<Task<T>> call, string? tenant = null, string? unexpected = null)
    {
        try
        {
            return new(await call(), null, null);
        }
        catch (NavigationException)
        {
            throw; // how a prerendering page redirects, not a failure
        }
        catch (Exception e)
        {
            return new(default, e, Describe(e, tenant, unexpected));
        }
    }

    public Task<Guarded<bool>> RunAsync(Func<Task> call, string? tenant = null, string? unexpected = null) =>
        RunAsync(async () => { await call(); return true; }, tenant, unexpected);

    /// <summary>The synchronous form, for work done in process (a tenant's store being set up).</summary>
    public Guarded<T> Run<T>(Func<T> call, string? tenant = null, string? unexpected = null)
    {
        try
        {
            return new(call(), null, null);
        }
        catch (Exception e)
        {
            return new(default, e, Describe(e, tenant, unexpected));
        }
    }

    /// <summary>The synchronous form that only says what failed (the ops pages' models).</summary>
    public string? Run(Action work, string unexpected) => Run(() => { work(); return true; }, null, unexpected).Problem;

    /// <summary>Runs the call and puts a failure in the snackbar; returns whether it succeeded.</summary>
    public async Task<bool> OrSnackbarAsync(Func<Task> call, string? tenant = null)
    {
        var result = await RunAsync(call, tenant);
        if (!result.Ok) Show(result.Problem!, Severity.Error);
        return result.Ok;
    }

    /// <summary>A form's save, with this helper behind it (see <see cref="EditSession"/>).</summary>
    public EditSession Edit(string tenant) => new(this, tenant);

    public void Show(string message, Severity severity) => snackbar.Add(message, severity);

    private string Describe(Exception e, string? tenant, string? unexpected)
    {
        var known = e is StoreException or OperationCanceledException;
        if (!known) log.LogError(e, "A page call failed unexpectedly (tenant {Tenant})", tenant ?? "none");
        if (!known && unexpected is not null) return unexpected;
        var descriptor = tenant is null ? null : registry.Find(tenant);
        return StoreErrorText.Describe(e, descriptor, descriptor is null ? null : registry.ProductNameOf(descriptor));
    }
}
