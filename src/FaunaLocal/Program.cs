using FaunaLocal.Bench;

namespace FaunaLocal;

public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args is ["bench", "streams", ..]) return await StreamBenchmark.RunAsync(args[2..]);
        if (args is ["bench", "stream-clients", ..]) return await StreamBenchmark.ClientsAsync(args[2..]);
        if (args.Length > 0 && args[0] == "bench") return await Benchmark.RunAsync(args[1..]);
        FaunaLocalOptions options;
        try
        {
            options = CommandLine.Parse(args);
        }
        catch (FormatException e)
        {
            await Console.Error.WriteLineAsync(e.Message);
            await Console.Error.WriteLineAsync(CommandLine.Usage);
            return 2;
        }

        await using var server = new FaunaLocalServer(options);
        var url = await server.StartAsync();
        var data = server.Store!.Data;
        Console.WriteLine($"FaunaLocal listening on {url} (HTTP/1.1 and HTTP/2), " +
                          (data == null ? "in memory" : $"data in {options.DataDirectory}: {data.RecoveredTransactions} transaction(s) replayed, {data.DroppedTailBytes} torn byte(s) dropped"));

        var stop = new TaskCompletionSource();
        using var sigterm = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, c =>
        {
            c.Cancel = true;
            stop.TrySetResult();
        });
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.TrySetResult();
        };
        await stop.Task;
        return 0;
    }
}
