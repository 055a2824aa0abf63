namespace Dashboard.Commands.Tests.Infrastructure;

/// <summary>How a command ended and what it printed (stdout, stderr, and both interleaved for failure messages).</summary>
public sealed record CommandResult(string CommandLine, int ExitCode, string Stdout, string Stderr, string Output, TimeSpan Elapsed)
{
    public override string ToString() =>
        $"$ {CommandLine}\nexit code {ExitCode} after {Elapsed.TotalSeconds:0.0} s\n--- output ---\n{Output}";

    /// <summary>Fails with the whole output when the command did not exit with 0.</summary>
    public CommandResult ShouldSucceed()
    {
        Assert.True(ExitCode == 0, $"The command failed.\n{this}");
        return this;
    }
}
