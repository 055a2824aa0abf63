using System.Collections.Concurrent;

namespace Dashboard.Circuits.Bench.SignalR;

/// <summary>
/// Every circuit error the SignalR agents saw (JS.Error, a closed connection, a failed event dispatch, a batch that
/// did not apply, a click with no render): counted and printed, so a run with errors never reads as clean figures.
/// </summary>
internal sealed class ErrorLog
{
    private readonly ConcurrentQueue<string> _errors = new();
    private readonly ConcurrentDictionary<string, bool> _notes = new();

    public int Count => _errors.Count;

    public IEnumerable<string> All => _errors;

    public void Add(string error)
    {
        _errors.Enqueue(error);
        if (_errors.Count <= 10) Console.Error.WriteLine($"circuit error: {error}");
    }

    /// <summary>Prints <paramref name="note"/> once per run (e.g. a JS function the agent answers with null).</summary>
    public void NoteOnce(string note)
    {
        if (_notes.TryAdd(note, true)) Console.Error.WriteLine(note);
    }
}
