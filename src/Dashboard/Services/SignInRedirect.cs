using Dashboard.Access;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Services;

/// <summary>
/// Sends this circuit (or prerender) to the sign-in page, with the way back, at most once. When an open tab's session
/// ends, the layout and the route view both react; two full loads of the same URL a moment apart make the browser
/// abort the first, and that race has been seen to crash the tab's renderer.
/// </summary>
public sealed class SignInRedirect(NavigationManager navigation)
{
    private int _sent;

    public void Go()
    {
        if (Interlocked.Exchange(ref _sent, 1) == 1) return;
        navigation.NavigateTo(ReturnUrls.LoginPath("/" + navigation.ToBaseRelativePath(navigation.Uri)), forceLoad: true);
    }
}
