using System.Diagnostics;
using System.Text;

namespace Dashboard.Cluster.E2E.Infrastructure;

/// <summary>Runs <c>scripts/cluster.sh</c> with the suite's environment (ports, stack folder) and returns what it printed.</summary>
public static class ClusterScript
{
    public static async Task<string> RunAsync(IReadOnlyDictionary<string, string> environment, TimeSpan timeout, params string[] args)
    {
        var start = new ProcessStartInfo("bash")
        {
            WorkingDirectory = RepositoryRoot.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        start.ArgumentList.Add("scripts/cluster.sh");
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment["LC_ALL"] = "C.UTF-8";
        foreach (var (key, value) in environment) start.Environment[key] = value;
        using var process = Process.Start(start) ?? throw new InvalidOperationException("bash did not start");
        process.StandardInput.Close();
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"scripts/cluster.sh {string.Join(' ', args)} did not finish within {timeout.TotalSeconds:0} s:\n{output}");
        }
        process.WaitForExit();
        lock (output)
        {
            if (process.ExitCode != 0)
                throw new InvalidOperationException($"scripts/cluster.sh {string.Join(' ', args)} exited with {process.ExitCode}:\n{output}");
            return output.ToString();
        }
    }
}
