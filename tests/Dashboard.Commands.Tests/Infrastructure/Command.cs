using System.Diagnostics;
using System.Text;

namespace Dashboard.Commands.Tests.Infrastructure;

/// <summary>
/// One documented command line, run by bash from the repository root in a session of its own, so the whole
/// process tree it starts can be stopped like a Ctrl-C in a terminal (SIGINT to the group), then killed if it
/// does not stop. Servers the scripts detach on purpose (the local stack) are left to <c>scripts/stack.sh down</c>.
/// </summary>
public sealed class Command : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stdout = new(), _stderr = new(), _output = new();
    private readonly Stopwatch _elapsed = Stopwatch.StartNew();

    public string CommandLine { get; }

    private Command(string commandLine, Process process)
    {
        CommandLine = commandLine;
        _process = process;
    }

    /// <summary>Starts <paramref name="commandLine"/>; <paramref name="environment"/> adds to (or, with null, removes from) this process's variables.</summary>
    public static Command Start(string commandLine, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var start = new ProcessStartInfo("setsid")
        {
            WorkingDirectory = Repo.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "bash", "-c", commandLine }) start.ArgumentList.Add(arg);
        // Plain figures whatever the machine's locale; no colours from tools that check for a terminal.
        start.Environment["LC_ALL"] = "C.UTF-8";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
            if (value is null) start.Environment.Remove(key); else start.Environment[key] = value;
        var process = Process.Start(start) ?? throw new InvalidOperationException($"bash did not start for: {commandLine}");
        process.StandardInput.Close();
        var command = new Command(commandLine, process);
        process.OutputDataReceived += (_, e) => command.Append(command._stdout, e.Data);
        process.ErrorDataReceived += (_, e) => command.Append(command._stderr, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return command;
    }

    /// <summary>Runs <paramref name="commandLine"/> to its end (stopped and failed after <paramref name="timeout"/>, 3 min by default).</summary>
    public static async Task<CommandResult> RunAsync(string commandLine, IReadOnlyDictionary<string, string?>? environment = null, TimeSpan? timeout = null)
    {
        await using var command = Start(commandLine, environment);
        return await command.WaitAsync(timeout ?? TimeSpan.FromMinutes(3));
    }

    public bool HasExited => _process.HasExited;

    /// <summary>What it printed so far, stdout and stderr interleaved.</summary>
    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    public async Task<CommandResult> WaitAsync(TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            await StopAsync();
            Assert.Fail($"The command did not finish within {timeout.TotalSeconds:0} s.\n{Result()}");
        }
        _process.WaitForExit();   // drains the redirected output
        var result = Result();
        TestContext.Current.TestOutputHelper?.WriteLine(result.ToString());
        return result;
    }

    /// <summary>
    /// Ctrl-C for the command's whole process group; the group is killed if bash has not exited after
    /// <paramref name="grace"/> (20 s). Signals go only while bash lives, so the group id is still ours.
    /// </summary>
    public async Task<CommandResult> StopAsync(TimeSpan? grace = null)
    {
        if (!_process.HasExited)
        {
            Signal("INT");
            using var wait = new CancellationTokenSource(grace ?? TimeSpan.FromSeconds(20));
            try
            {
                await _process.WaitForExitAsync(wait.Token);
            }
            catch (OperationCanceledException)
            {
                Signal("KILL");
                await _process.WaitForExitAsync();
            }
        }
        _process.WaitForExit();
        return Result();
    }

    /// <summary>Kills the command's whole process group at once (SIGKILL), as a crash would: no handler runs.</summary>
    public async Task<CommandResult> KillAsync()
    {
        if (!_process.HasExited) Signal("KILL");
        await _process.WaitForExitAsync();
        _process.WaitForExit();
        return Result();
    }

    private void Signal(string signal)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-s", signal, "--", $"-{_process.Id}"])
        {
            RedirectStandardError = true,
            UseShellExecute = false,
        });
        kill?.WaitForExit();
    }

    private CommandResult Result() => new(CommandLine, _process.HasExited ? _process.ExitCode : -1,
        Read(_stdout), Read(_stderr), Output, _elapsed.Elapsed);

    private void Append(StringBuilder stream, string? line)
    {
        if (line is null) return;
        lock (stream) stream.AppendLine(line);
        lock (_output) _output.AppendLine(line);
    }

    private static string Read(StringBuilder stream)
    {
        lock (stream) return stream.ToString();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _process.Dispose();
    }
}
