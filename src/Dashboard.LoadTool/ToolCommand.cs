namespace Dashboard.LoadTool;

/// <summary>
/// What every command of the tool does around its run: Ctrl-C cancels it, and whatever stops it is one line on
/// stderr with an exit code: 2 for a wrong command line, 1 when the run could not be made, 130 when cancelled.
/// </summary>
internal static class ToolCommand
{
    /// <param name="isRunFailure">The exceptions that mean "could not be made", told in one line (others are bugs: a stack trace).</param>
    public static async Task<int> RunAsync(Func<CancellationToken, Task<int>> run, Func<Exception, bool> isRunFailure, string cancelled)
    {
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };
        try
        {
            return await run(cancel.Token);
        }
        catch (UsageException e)
        {
            return Fail(e.Message, 2);
        }
        catch (Exception e) when (isRunFailure(e))
        {
            return Fail(e.Message, 1);
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            return Fail(cancelled, 130);
        }
    }

    private static int Fail(string message, int exitCode)
    {
        Console.Error.WriteLine($"error: {message}");
        return exitCode;
    }
}
