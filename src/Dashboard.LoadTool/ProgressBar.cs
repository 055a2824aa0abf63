using Dashboard.Operations.Migrations;

namespace Dashboard.LoadTool;

/// <summary>
/// A migration's progress on stdout: a bar redrawn in place on a terminal; on a pipe or file, one line per phase
/// and per tenth of the way, so logs stay readable. Written as reported (not posted), so lines never reorder.
/// </summary>
internal sealed class ProgressBar : IProgress<MigrationProgress>
{
    private const int Width = 30;
    private readonly bool _inPlace = !Console.IsOutputRedirected;
    private readonly Lock _writing = new();
    private string? _phase;
    private int _tenth = -1;
    private bool _open;

    public void Report(MigrationProgress value)
    {
        lock (_writing)
        {
            if (value.Message is { } message)
            {
                EndLine();
                Console.WriteLine($"{value.Phase}: {message}");
                _phase = null;
                return;
            }
            var tenth = (int)(value.Fraction * 10);
            var line = Render(value);
            if (_inPlace)
            {
                Console.Write("\r" + line);
                _open = true;
            }
            else if (value.Phase != _phase || tenth != _tenth)
            {
                Console.WriteLine(line);
            }
            (_phase, _tenth) = (value.Phase, tenth);
        }
    }

    /// <summary>Ends a bar drawn in place, so what follows starts on its own line.</summary>
    public void EndLine()
    {
        if (!_open) return;
        Console.WriteLine();
        _open = false;
    }

    private static string Render(MigrationProgress p)
    {
        var filled = (int)Math.Round(p.Fraction * Width);
        var eta = p.Eta is { } e ? $"ETA {Math.Ceiling(e.TotalSeconds):0} s" : "ETA -";
        return $"[{new string('#', filled)}{new string('-', Width - filled)}] {p.Fraction,4:P0} {p.Done}/{p.Total} rows  {p.RowsPerSecond:0} rows/s  {eta}  ({p.Phase})";
    }
}
