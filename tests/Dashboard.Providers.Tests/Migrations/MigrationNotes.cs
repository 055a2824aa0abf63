using Dashboard.Operations.Migrations;

namespace Dashboard.Providers.Tests.Migrations;

/// <summary>A run's progress notes as reported (phase and message), with a hook on each retry the run announces.</summary>
internal sealed class MigrationNotes : IProgress<MigrationProgress>
{
    private readonly List<(string Phase, string Message)> _notes = [];

    /// <summary>Runs on the migration's flow when it announces a retry, before it waits to make it.</summary>
    public Action? OnRetry { get; init; }

    public IReadOnlyList<(string Phase, string Message)> All
    {
        get
        {
            lock (_notes) return [.. _notes];
        }
    }

    public IReadOnlyList<(string Phase, string Message)> Retries => All.Where(n => n.Message.StartsWith("retry ", StringComparison.Ordinal)).ToList();

    public void Report(MigrationProgress value)
    {
        if (value.Message is not { } message) return;
        lock (_notes) _notes.Add((value.Phase, message));
        if (message.StartsWith("retry ", StringComparison.Ordinal)) OnRetry?.Invoke();
    }
}
