namespace Dashboard.Providers.Fauna.Wire;

/// <summary>One line of <c>POST /stream/1</c>: <c>status</c>, <c>add</c>, <c>update</c>, <c>remove</c> or <c>error</c>, with its decoded data.</summary>
public sealed record FaunaStreamEvent(string Type, object? Data, string? Cursor, long TxnTs, QueryStats Stats, string? ErrorCode, string? ErrorMessage);
