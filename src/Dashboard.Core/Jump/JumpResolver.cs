namespace Dashboard.Core.Jump;

/// <summary>
/// Finds what the jump box names across every tenant the person may read, all tenants asked at once. An id is
/// looked up by the stores' point reads (order by id, user by id: an index or key lookup on every backend,
/// never a search); an email by the email lookup. A tenant that fails does not hide the others' answers: it is
/// named in <see cref="JumpResult.Problems"/>.
/// </summary>
public sealed class JumpResolver(ITenantStoreFactory stores, TenantRegistry registry, ICurrentPerson current, ILogger<JumpResolver> logger)
{
    public async Task<JumpResult> ResolveAsync(string? raw, string? currentTenant, CancellationToken ct = default)
    {
        var input = JumpInput.Classify(raw);
        var person = current.Person;
        var tenants = registry.All.Where(t => person.CanRead(t.Id)).ToList();
        switch (input.Kind)
        {
            case JumpKind.Empty:
                return new(input, [], []);
            case JumpKind.Text:
                var home = currentTenant is not null && person.CanRead(currentTenant) && registry.Find(currentTenant) is not null
                    ? currentTenant
                    : tenants.FirstOrDefault()?.Id;
                return home is null ? new(input, [], ["You have no tenant to search in."]) : new(input, [], [], home);
        }

        var answers = await Task.WhenAll(tenants.Select(t => LookUpAsync(t, input, ct)));
        return new(input, [.. answers.SelectMany(a => a.Hits)], [.. answers.Select(a => a.Problem).OfType<string>()]);
    }

    private async Task<(IReadOnlyList<JumpHit> Hits, string? Problem)> LookUpAsync(TenantDescriptor tenant, JumpInput input, CancellationToken ct)
    {
        var hits = new List<JumpHit>();
        try
        {
            var store = stores.For(tenant.Id);
            if (input.Kind == JumpKind.Email)
            {
                if (await store.FindUserByEmailAsync(input.Value, ct) is { } user)
                    hits.Add(new(tenant.Id, tenant.DisplayName, JumpTargetKind.User, user.Id, $"{user.Name} <{user.Email}>"));
                return (hits, null);
            }
            var order = FindAsync(() => store.GetOrderAsync(input.Value, ct));
            var owner = FindAsync(() => store.GetUserAsync(input.Value, ct));
            if (await order is { } o)
                hits.Add(new(tenant.Id, tenant.DisplayName, JumpTargetKind.Order, o.Id, $"Order {o.Id} · {o.Status} · {o.Total:N2} {o.Currency}"));
            if (await owner is { } u)
                hits.Add(new(tenant.Id, tenant.DisplayName, JumpTargetKind.User, u.Id, $"{u.Name} <{u.Email}>"));
            return (hits, null);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e)
        {
            if (e is not StoreException) logger.LogError(e, "Jump lookup in tenant {Tenant} failed unexpectedly", tenant.Id);
            return (hits, $"{tenant.DisplayName} could not be searched: {Reason(e)}");
        }
    }

    private static async Task<T?> FindAsync<T>(Func<Task<T>> read) where T : class
    {
        try
        {
            return await read();
        }
        catch (NotFoundException)
        {
            return null;
        }
    }

    private static string Reason(Exception e) => e switch
    {
        BackendUnavailableException u => $"backend unavailable ({u.Reason})",
        ThrottledException t => $"throttled ({t.Cause})",
        OperationCanceledException => "it did not answer in time",
        StoreException s => s.Message,
        _ => "an unexpected error (logged)",
    };
}
