namespace Dashboard.Providers.Tests.Fixtures;

/// <summary>
/// Lets the real server answer, then drops the answer of the next <see cref="LoseNext"/> requests as a broken
/// connection would: the write has committed, but the client only sees a network error and tries again.
/// </summary>
public sealed class FaunaLostAnswerHandler() : DelegatingHandler(new SocketsHttpHandler())
{
    private int _loseNext;

    public int LoseNext
    {
        get => Volatile.Read(ref _loseNext);
        set => Volatile.Write(ref _loseNext, value);
    }

    public int Sent { get; private set; }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        var response = await base.SendAsync(request, ct);
        Sent++;
        if (Interlocked.Decrement(ref _loseNext) < 0)
        {
            Interlocked.Exchange(ref _loseNext, 0);
            return response;
        }
        response.Dispose();
        throw new HttpRequestException("The response ended prematurely (connection reset after the request was sent).");
    }
}
