namespace Dashboard.AppStore.Lockout;

/// <summary>
/// Failed sign-ins counted under one key (an account, or an account from one client address). The key is a
/// SHA-256, so made-up emails are neither stored nor able to make rows longer.
/// </summary>
public sealed class SignInLockoutRow
{
    public string Key { get; set; } = "";
    public int Failures { get; set; }

    /// <summary>When the current counting window began; failures older than the window no longer count.</summary>
    public long WindowStartUnixMs { get; set; }

    public long? LockedUntilUnixMs { get; set; }
    public long UpdatedAtUnixMs { get; set; }
}
