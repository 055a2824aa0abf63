namespace Dashboard.Operations.Migrations;

/// <summary>How far a phase is: rows done of the expected total, the rate so far and the time it needs at that rate.</summary>
public sealed record MigrationProgress(string Phase, long Done, long Total, double RowsPerSecond, TimeSpan? Eta, string? Message = null)
{
    public double Fraction => Total <= 0 ? 1 : Math.Min(1, (double)Done / Total);

    public static MigrationProgress Of(string phase, long done, long total, TimeSpan elapsed)
    {
        var rate = elapsed.TotalSeconds > 0 ? done / elapsed.TotalSeconds : 0;
        TimeSpan? eta = rate > 0 && total >= done ? TimeSpan.FromSeconds((total - done) / rate) : null;
        return new MigrationProgress(phase, done, total, rate, eta);
    }

    public static MigrationProgress Note(string phase, string message) => new(phase, 0, 0, 0, null, message);
}
