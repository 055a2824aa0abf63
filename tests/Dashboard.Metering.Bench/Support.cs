using System.Diagnostics.Metrics;
using Dashboard.Operations.Metering;

namespace Dashboard.Metering.Bench;

/// <summary>A clock the simulation moves: a day of seconds in a few seconds of real time.</summary>
internal sealed class SteppingClock : TimeProvider
{
    public DateTimeOffset Now { get; set; } = new(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);
    public override DateTimeOffset GetUtcNow() => Now;
}

/// <summary>Listens to the store instruments the way an exporter does, summing what it hears.</summary>
internal static class MeterListening
{
    public static MeterListener Attach()
    {
        var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == StoreMetrics.MeterName) l.EnableMeasurementEvents(instrument);
            },
        };
        double sink = 0;
        listener.SetMeasurementEventCallback<double>((_, value, _, _) => sink += value);
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => sink += value);
        listener.Start();
        return listener;
    }
}
