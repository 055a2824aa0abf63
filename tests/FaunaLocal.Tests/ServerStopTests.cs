using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace FaunaLocal.Tests;

/// <summary>
/// A stopping server closes the connections that have not sent a request yet (a client's idle pooled ones) at
/// once, instead of waiting for them until its shutdown timeout (30 s) runs out.
/// </summary>
public sealed class ServerStopTests
{
    public static TheoryData<string> SentSoFar => ["", "PRI * HTTP/2.0\r\n"];

    [Theory]
    [MemberData(nameof(SentSoFar))]
    public async Task A_connection_that_has_not_sent_a_request_does_not_hold_the_stop(string sentSoFar)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var s = await ServerFixture.StartAsync();
        Assert.Equal(200, (await s.Query("1")).Status); // the server has served a request before
        using var idle = new TcpClient();
        await idle.ConnectAsync(s.Url.Host, s.Url.Port, ct);
        var socket = idle.GetStream();
        if (sentSoFar.Length > 0) await socket.WriteAsync(Encoding.ASCII.GetBytes(sentSoFar), ct);
        await Task.Delay(200, ct); // the server has accepted it and is waiting for its first bytes

        var took = Stopwatch.StartNew();
        await s.Server.StopAsync().WaitAsync(TimeSpan.FromSeconds(20), ct);
        Assert.True(took.Elapsed < TimeSpan.FromSeconds(5), $"stopping took {took.Elapsed.TotalSeconds:F1} s");
        // The server closed the connection rather than leaving it open.
        var read = await socket.ReadAsync(new byte[64], ct).AsTask().WaitAsync(TimeSpan.FromSeconds(5), ct);
        Assert.Equal(0, read);
    }
}
