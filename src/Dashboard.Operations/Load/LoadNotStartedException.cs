namespace Dashboard.Operations.Load;

/// <summary>
/// A load run could not begin: its sampling calls kept failing (backend down or throttling throughout) or the
/// tenant has no users to load. The message is one line for people; no call of the load itself was made.
/// </summary>
public sealed class LoadNotStartedException(string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>True when the backend, not the tenant's data, is why: the run may succeed later.</summary>
    public bool BackendFailed => InnerException is BackendUnavailableException or ThrottledException;
}
