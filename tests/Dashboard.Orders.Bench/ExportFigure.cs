using System.Diagnostics;
using Dashboard.Core.Export;
using Dashboard.Core.Paging;
using Dashboard.Core.Stores;

namespace Dashboard.Orders.Bench;

/// <summary>
/// A CSV export of every order through the store, as the export endpoint runs it (CsvExporter's pages of 100,
/// CsvHelper, flushed per page) into a sink that discards the bytes: rows per second, and the peak of the
/// managed heap above its level before the export, sampled every 10 ms (for FaunaLocal the in-process server's
/// own allocations count too).
/// </summary>
public sealed record ExportFigure(long Rows, double Seconds, double PeakHeapMiB, long Bytes)
{
    public double RowsPerSecond => Rows / Seconds;

    public override string ToString() => $"{Rows:N0} rows in {Seconds:F1} s = {RowsPerSecond:N0} rows/s, {Bytes / 1048576.0:F1} MiB of CSV, heap peak +{PeakHeapMiB:F1} MiB";

    public static async Task<ExportFigure> MeasureAsync(ITenantStore store, int expected, CancellationToken ct)
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        long peak = baseline;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                peak = Math.Max(peak, GC.GetTotalMemory(false));
                await Task.Delay(10);
            }
        });
        var sink = new CountingSink();
        var started = Stopwatch.GetTimestamp();
        var rows = await CsvStreamWriter.WriteAsync(sink, ExportColumns.Orders,
            ListingPages.AllAsync((page, token) => store.ListTenantOrdersAsync(OrderQuery.All, page, token), CsvExporter.PageSize, ct), null, ct);
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        sampling.Cancel();
        await sampler;
        if (rows != expected) throw new InvalidOperationException($"the export wrote {rows} rows, not {expected}");
        return new ExportFigure(rows, seconds, (peak - baseline) / 1048576.0, sink.Length);
    }

    /// <summary>A write-only stream that keeps nothing but the count of bytes, like a network socket would.</summary>
    private sealed class CountingSink : Stream
    {
        private long _length;
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => _length;
        public override long Position { get => _length; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => _length += count;
        public override void Write(ReadOnlySpan<byte> buffer) => _length += buffer.Length;
        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken ct = default)
        {
            _length += buffer.Length;
            return ValueTask.CompletedTask;
        }
    }
}
