using Microsoft.Extensions.Configuration;

namespace FaunaLocal;

/// <summary>Options from appsettings.json (section "FaunaLocal", next to the binary), then FAUNALOCAL_* variables, then the command line.</summary>
public static class CommandLine
{
    public const string Usage = """
        usage: FaunaLocal [--port 8443] [--host 127.0.0.1] [--secret secret] (--data DIR | --in-memory)
                          [--limits read=500,write=100,compute=500] [--soft-limits] [--timeout-ms 30000] [--verbose]
                          [--history-minutes 15] [--max-streams 10000]
               FaunaLocal bench [--seconds 5] [--concurrency 8]
               FaunaLocal bench streams [--seconds 3] [--subscribers 1,10,100] [--idle 2000]
        """;

    public static FaunaLocalOptions Parse(string[] args)
    {
        var switches = new Dictionary<string, string?>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            var a = args[i];
            if (!a.StartsWith("--")) throw new FormatException($"Unexpected argument `{a}`");
            var name = a[2..];
            if (name is "in-memory" or "soft-limits" or "verbose") switches[name] = "true";
            else if (i + 1 < args.Length) switches[name] = args[++i];
            else throw new FormatException($"`{a}` needs a value");
        }

        var config = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
            .AddEnvironmentVariables("FAUNALOCAL_")
            .AddInMemoryCollection(switches.Select(kv => KeyValuePair.Create("FaunaLocal:" + kv.Key, kv.Value)))
            .Build()
            .GetSection("FaunaLocal");

        string? Get(string key) => config[key];
        int Int(string key, int fallback) =>
            Get(key) is { } v ? int.TryParse(v, out var n) && n >= 0 ? n : throw new FormatException($"`--{key}` must be a number") : fallback;

        var known = new HashSet<string> { "port", "host", "secret", "data", "in-memory", "limits", "soft-limits", "timeout-ms", "verbose", "history-minutes", "max-streams" };
        foreach (var key in switches.Keys)
            if (!known.Contains(key)) throw new FormatException($"Unknown option `--{key}`");

        var inMemory = Get("in-memory") == "true";
        var data = Get("data");
        if (inMemory && data != null) throw new FormatException("Choose either --data DIR or --in-memory");
        var soft = Get("soft-limits") == "true";
        return new FaunaLocalOptions
        {
            Port = Int("port", 8443),
            Host = Get("host") ?? "127.0.0.1",
            Secret = Get("secret") ?? "secret",
            DataDirectory = inMemory ? null : data,
            Limits = Get("limits") is { } l ? RateLimits.Parse(l, hard: !soft) : RateLimits.None,
            DefaultQueryTimeoutMs = Int("timeout-ms", 30_000),
            Verbose = Get("verbose") == "true",
            EventHistory = Get("history-minutes") is null
                ? CommitHistory.Limits.Default
                : CommitHistory.Limits.Default with { MaxAge = TimeSpan.FromMinutes(Positive("history-minutes")) },
            MaxStreams = Get("max-streams") is null ? new FaunaLocalOptions().MaxStreams : Positive("max-streams"),
        };
        int Positive(string key) => Int(key, 0) is > 0 and var n ? n : throw new FormatException($"`--{key}` must be a positive number");
    }
}
