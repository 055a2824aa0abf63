namespace FaunaLocal.Engine;

/// <summary>The three kinds of ops Fauna meters and limits.</summary>
public enum OpKind { Read, Write, Compute }

/// <summary>Where a running query draws its ops from, so a per-second hard limit is enforced as ops are spent.</summary>
public interface IOpsBudget
{
    /// <summary>Takes ops; throws <see cref="OpsLimitException"/> when that would pass a hard limit.</summary>
    void Consume(OpKind kind, long ops);
}

/// <summary>A query would spend more of a kind of op than its secret has left this second (429 limit_exceeded).</summary>
public sealed class OpsLimitException(OpKind kind) : Exception($"Rate limit for {kind.ToString().ToLowerInvariant()} exceeded")
{
    public OpKind Kind { get; } = kind;
}
