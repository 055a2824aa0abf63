using System.Collections.Immutable;
using System.Text.Json;
using FaunaLocal.Engine;
using FaunaLocal.Language;
using FaunaLocal.Storage;
using FaunaLocal.Values;

namespace FaunaLocal.Tests;

/// <summary>Runs FQL straight through the engine (no HTTP) against an in-memory store.</summary>
public sealed class TestDb : IDisposable
{
    public Store Store { get; }

    public TestDb(Store? store = null) => Store = store ?? Store.InMemory();

    public QueryResult Run(string fql, bool tagged = true, IReadOnlyDictionary<string, Value>? args = null, int maxRetries = 7)
    {
        var (query, _) = QueryText.ParseSource(fql);
        return new QueryExecutor(Store).Execute(new QueryRequest(query, args ?? new Dictionary<string, Value>(),
            ImmutableArray<string>.Empty, false, QueryDeadline.In(TimeSpan.FromSeconds(10)), maxRetries, tagged));
    }

    /// <summary>The result in the simple (untagged) format.</summary>
    public JsonElement Simple(string fql, IReadOnlyDictionary<string, Value>? args = null) => Data(Run(fql, tagged: false, args), fql);

    /// <summary>The result as tagged JSON text.</summary>
    public string Tagged(string fql) => Data(Run(fql), fql).GetRawText();

    public QueryException Error(string fql)
    {
        try
        {
            var r = Run(fql);
            Assert.True(r.Outcome == QueryOutcome.Failed, $"Expected `{fql}` to fail, got {r.Outcome}");
            return r.Error!;
        }
        catch (QueryTextException e)
        {
            return e.Error;
        }
    }

    private static JsonElement Data(QueryResult r, string fql)
    {
        if (r.Outcome != QueryOutcome.Success)
            throw new Xunit.Sdk.XunitException($"`{fql}` failed: {r.Outcome} {r.Error?.Code} {r.Error?.Message}");
        using var doc = JsonDocument.Parse(r.Data!);
        return doc.RootElement.Clone();
    }

    public const string UserSchema = """
        Collection.create({ name: "User",
          indexes: { byEmail: { terms: [{ field: ".email" }] }, byAge: { values: [{ field: ".age", order: "desc" }, { field: ".name" }] } },
          constraints: [{ unique: ["email"] }] })
        """;

    public void Dispose() => Store.Dispose();
}
