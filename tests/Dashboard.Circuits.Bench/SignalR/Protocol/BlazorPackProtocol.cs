using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using MessagePack;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;

namespace Dashboard.Circuits.Bench.SignalR.Protocol;

/// <summary>
/// "blazorpack": what blazor.web.js speaks to /_blazor. It is SignalR's MessagePack hub protocol (version 2) under
/// another name, so this wraps the stock one and changes only the name. One more thing: the .NET client binds a
/// server call's arguments to the types of a registered handler, and the count must match; the server's JS.* calls
/// change arity between releases (JS.BeginInvokeJS grew a call type), so each invocation is bound as that many
/// plain objects, counted from the message itself, and the agent reads them by position.
/// </summary>
internal sealed class BlazorPackProtocol : IHubProtocol
{
    private readonly MessagePackHubProtocol _inner = new();

    public string Name => "blazorpack";

    public int Version => _inner.Version;

    public TransferFormat TransferFormat => TransferFormat.Binary;

    public bool IsVersionSupported(int version) => _inner.IsVersionSupported(version);

    public bool TryParseMessage(ref ReadOnlySequence<byte> input, IInvocationBinder binder, [NotNullWhen(true)] out HubMessage? message) =>
        _inner.TryParseMessage(ref input, new ObjectArgumentsBinder(binder, InvocationArgumentCount(input)), out message);

    public void WriteMessage(HubMessage message, IBufferWriter<byte> output) => _inner.WriteMessage(message, output);

    public ReadOnlyMemory<byte> GetMessageBytes(HubMessage message) => _inner.GetMessageBytes(message);

    /// <summary>
    /// The number of arguments of the invocation at the start of <paramref name="input"/> (a varint length prefix,
    /// then [type, headers, invocation id, target, arguments, ...]), or -1 when it is not a whole invocation.
    /// </summary>
    private static int InvocationArgumentCount(ReadOnlySequence<byte> input)
    {
        try
        {
            var reader = new SequenceReader<byte>(input);
            long length = 0;
            for (var shift = 0; ; shift += 7)
            {
                if (!reader.TryRead(out var b) || shift > 28) return -1;
                length |= (long)(b & 0x7f) << shift;
                if ((b & 0x80) == 0) break;
            }
            if (reader.Remaining < length) return -1;
            var payload = new MessagePackReader(input.Slice(reader.Position, length));
            payload.ReadArrayHeader();
            if (payload.ReadInt32() != HubProtocolConstants.InvocationMessageType) return -1;
            payload.Skip(); // headers
            payload.Skip(); // invocation id
            payload.Skip(); // target
            return payload.ReadArrayHeader();
        }
        catch (MessagePackSerializationException)
        {
            return -1;
        }
    }

    private sealed class ObjectArgumentsBinder(IInvocationBinder inner, int argumentCount) : IInvocationBinder
    {
        public Type GetReturnType(string invocationId) => inner.GetReturnType(invocationId);

        public IReadOnlyList<Type> GetParameterTypes(string methodName) =>
            argumentCount < 0 ? inner.GetParameterTypes(methodName) : Enumerable.Repeat(typeof(object), argumentCount).ToArray();

        public Type GetStreamItemType(string streamId) => inner.GetStreamItemType(streamId);
    }
}
