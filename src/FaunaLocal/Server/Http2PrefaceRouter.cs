using System.Buffers;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;

namespace FaunaLocal.Server;

/// <summary>
/// Serves HTTP/1.1 and cleartext HTTP/2 ("prior knowledge", as the JS driver's Node transport speaks it) on
/// one port. Kestrel only speaks h2c on an HTTP/2-only endpoint, so this connection middleware peeks at the
/// first bytes without consuming them: the HTTP/2 preface sends the connection to the HTTP/2 pipeline of an
/// internal HTTP/2-only endpoint, anything else continues into this endpoint's HTTP/1.1 pipeline. The
/// connection is handed over in-process, so neither protocol pays for an extra hop.
/// </summary>
public static class Http2PrefaceRouter
{
    private static readonly byte[] Preface = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"u8.ToArray();

    public static Func<ConnectionDelegate, ConnectionDelegate> Route(Func<ConnectionDelegate?> http2Pipeline) => http1 => async connection =>
    {
        var input = connection.Transport.Input;
        // A server stopping gracefully asks each connection to close and waits (up to its shutdown timeout) until
        // they have. Until a pipeline takes the connection over, nobody else hears that request: a client's
        // connection that is open but has sent nothing yet (an idle pooled one) would hold the stop for the whole
        // timeout. Stopping the wait here closes it, as Kestrel closes a keep-alive connection between requests.
        var closing = connection.Features.Get<IConnectionLifetimeNotificationFeature>()?.ConnectionClosedRequested ?? CancellationToken.None;
        var stopWaiting = closing.Register(() => input.CancelPendingRead());
        while (true)
        {
            var result = await input.ReadAsync();
            if (closing.IsCancellationRequested)
            {
                input.AdvanceTo(result.Buffer.Start);
                await stopWaiting.DisposeAsync();
                return;
            }
            var match = Match(result.Buffer);
            if (match == null && !result.IsCompleted && !result.IsCanceled)
            {
                // Not enough bytes to decide: mark them examined so the next read waits for more.
                input.AdvanceTo(result.Buffer.Start, result.Buffer.End);
                continue;
            }
            // Consume nothing: the chosen pipeline reads the bytes again from the start. It hears a close request
            // itself (one made already included), and a read it makes must not be cancelled from here.
            input.AdvanceTo(result.Buffer.Start);
            await stopWaiting.DisposeAsync();
            var http2 = match == true ? http2Pipeline() : null;
            await (http2 ?? http1)(connection);
            return;
        }
    };

    /// <summary>true: HTTP/2 preface; false: something else; null: a prefix of the preface so far.</summary>
    private static bool? Match(ReadOnlySequence<byte> buffer)
    {
        var n = (int)Math.Min(buffer.Length, Preface.Length);
        Span<byte> head = stackalloc byte[Preface.Length];
        buffer.Slice(0, n).CopyTo(head);
        if (!head[..n].SequenceEqual(Preface.AsSpan(0, n))) return false;
        return n == Preface.Length ? true : null;
    }
}
