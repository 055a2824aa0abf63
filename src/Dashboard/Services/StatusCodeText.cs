namespace Dashboard.Services;

/// <summary>What the status page says for an error response that had no body of its own.</summary>
public static class StatusCodeText
{
    public sealed record Text(string Title, string Message);

    public static Text For(int status) => status switch
    {
        400 => new("The request was not understood", "The address or the form sent did not make sense to the server. Go back and try again."),
        401 => new("Sign-in needed", "Sign in to see this page."),
        403 => new("Not allowed", "Your role does not give access to this. Ask Ops if you need it."),
        405 => new("Not answered this way", "This address does not take that kind of request. Open it as a page instead."),
        408 => new("The request took too long", "The server stopped waiting for the request. Try again."),
        409 => new("Conflict", "The request conflicts with the current state. Reload and try again."),
        413 => new("The request was too large", "Send less at once."),
        414 => new("The address is too long", "Shorten the address and try again."),
        415 => new("Unsupported content", "The server does not take content of this type here."),
        429 => new("Too many requests, try again in a moment", "Requests from here came too fast and were turned away for now. Wait a moment, then try again."),
        503 => new("Not available right now", "The service is busy or starting. Try again in a moment."),
        502 or 504 => new("Not available right now", "A service behind this page did not answer. Try again in a moment."),
        >= 500 => new("Something went wrong", "The server could not answer this request. Try again in a moment."),
        _ => new("The request could not be answered", $"The server answered with status {status}. Go back and try again."),
    };
}
