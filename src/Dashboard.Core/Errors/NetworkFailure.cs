using System.Net.Sockets;

namespace Dashboard.Core.Errors;

/// <summary>How HTTP-based providers tell "the backend could not be reached" from other failures, in one place.</summary>
public static class NetworkFailure
{
    /// <summary>
    /// True when the exception chain says the server was not reached or did not answer in time (a caller's own
    /// cancellation must be let through before asking).
    /// </summary>
    public static bool IsUnreachable(Exception e)
    {
        for (var x = e; x is not null; x = x.InnerException)
            if (x is HttpRequestException or SocketException or IOException or TimeoutException or TaskCanceledException) return true;
        return false;
    }

    /// <summary>A short reason for people: "cannot connect (ConnectionRefused)", "no answer in time", or the message.</summary>
    public static string Describe(Exception e)
    {
        for (var x = e; x is not null; x = x.InnerException)
        {
            if (x is SocketException s) return $"cannot connect ({s.SocketErrorCode})";
            if (x is TaskCanceledException or TimeoutException) return "no answer in time";
        }
        return e.GetBaseException().Message;
    }
}
