namespace Dashboard.Operations.Metering.Rolling;

/// <summary>
/// Which slots a read covers: the ring (seconds up to an hour, minutes past it), the first and last slot epochs, and
/// how they are cut into chart points. Fixed at one moment, so two reads of the same frame (a summary, then the
/// detail of the tenants a page shows) count the same slots.
/// </summary>
public readonly record struct WindowFrame(bool Minutes, long From, long To, long SlotsPerPoint, int PointCount)
{
    private int Resolution => Minutes ? 60 : 1;

    public DateTimeOffset Start => DateTimeOffset.FromUnixTimeSeconds(From * Resolution);
    public TimeSpan PointWidth => TimeSpan.FromSeconds(SlotsPerPoint * Resolution);
    public TimeSpan Window => TimeSpan.FromSeconds((To - From + 1) * Resolution);

    /// <summary>The chart point a slot falls in.</summary>
    public int PointOf(long epoch) => (int)((epoch - From) / SlotsPerPoint);

    /// <summary>The last <paramref name="window"/> (at most a day) up to <paramref name="now"/>, in about <paramref name="points"/> points.</summary>
    public static WindowFrame At(DateTimeOffset now, TimeSpan window, int points)
    {
        if (window > RollingStore.MaxWindow) window = RollingStore.MaxWindow;
        var minutes = window > RollingStore.SecondResolutionSpan;
        var resolution = minutes ? 60 : 1;
        var to = now.ToUnixTimeSeconds() / resolution;
        var slotsInWindow = Math.Max(1, (long)window.TotalSeconds / resolution);
        var slotsPerPoint = Math.Max(1, (long)Math.Ceiling((double)slotsInWindow / Math.Max(1, points)));
        return new WindowFrame(minutes, to - slotsInWindow + 1, to, slotsPerPoint, (int)Math.Ceiling((double)slotsInWindow / slotsPerPoint));
    }
}
