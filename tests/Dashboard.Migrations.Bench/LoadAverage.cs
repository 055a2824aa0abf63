namespace Dashboard.Migrations.Bench;

/// <summary>The machine's 1-, 5- and 15-minute load averages, printed beside each pair: the box is shared, figures move with it.</summary>
public static class LoadAverage
{
    public static string Now()
    {
        try
        {
            var fields = File.ReadAllText("/proc/loadavg").Split(' ');
            return $"{fields[0]} / {fields[1]} / {fields[2]}";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "unknown";
        }
    }
}
