using System.Globalization;
using Dashboard.Operations.Load;
using Microsoft.Extensions.Configuration;

namespace Dashboard.LoadTool;

/// <summary><c>load --tenant T --rps N --seconds S [--via URL]</c>, checked before anything starts.</summary>
internal sealed record LoadArguments(string Tenant, int Rps, int Seconds, Uri? Via)
{
    public const string Usage = "usage: load --tenant <id> [--rps 200] [--seconds 30] [--via http://127.0.0.1:5080]";

    public static LoadArguments Parse(string[] args)
    {
        if (args.Length == 0 || args[0] != "load") throw new UsageException(Usage);
        IConfiguration options;
        try
        {
            options = new ConfigurationBuilder().AddCommandLine(args[1..]).Build();
        }
        catch (FormatException e)
        {
            throw new UsageException($"{e.Message}\n{Usage}");
        }
        var rps = Number(options["rps"], 200);
        var seconds = Number(options["seconds"], 30);
        if (LoadLimits.Problem(rps, seconds) is { } problem) throw new UsageException($"{problem}\n{Usage}");
        Uri? via = null;
        if (options["via"] is { } text && (!Uri.TryCreate(text, UriKind.Absolute, out via) || via.Scheme is not ("http" or "https")))
            throw new UsageException($"--via must be the app's address, like http://127.0.0.1:5080\n{Usage}");
        return new LoadArguments(options["tenant"] ?? "sandbox", rps!.Value, seconds!.Value, via);
    }

    private static int? Number(string? text, int fallback) =>
        text is null ? fallback : int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
}

/// <summary>The command line is wrong; the message says how (and the usage).</summary>
internal sealed class UsageException(string message) : Exception(message);
