namespace Dashboard.Services;

/// <summary>Validation messages keyed by field path ("email", "items[2].quantity"), for showing next to inputs.</summary>
public sealed class FieldErrors
{
    private IReadOnlyDictionary<string, string[]> _errors = new Dictionary<string, string[]>();

    public void Clear() => _errors = new Dictionary<string, string[]>();

    public void Set(ValidationException error) => Set(error.Errors);

    public void Set(IReadOnlyDictionary<string, string[]> errors) => _errors = errors;

    public bool Has(string field) => _errors.ContainsKey(field);

    public string? For(string field) => _errors.TryGetValue(field, out var messages) ? string.Join(" ", messages) : null;

    /// <summary>
    /// Messages for fields no input shows (e.g. "items" or "userId"), for a summary above the form.
    /// A shown field ending in '*' covers every field starting with what precedes it ("items[*").
    /// </summary>
    public IEnumerable<string> Except(params string[] shownFields) =>
        _errors.Where(e => !shownFields.Any(f => f.EndsWith('*') ? e.Key.StartsWith(f[..^1], StringComparison.Ordinal) : e.Key == f))
            .SelectMany(e => e.Value);
}
