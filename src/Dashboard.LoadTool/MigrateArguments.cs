namespace Dashboard.LoadTool;

/// <summary>
/// <c>migrate --tenant T --to-provider P --setting k=v ... [--verify-only] [--resume] [--cut-over]</c> or
/// <c>migrate --tenant T --roll-back</c>, checked before anything starts. Settings are the target provider's, as
/// under <c>Tenants:{id}:Settings</c>.
/// </summary>
internal sealed record MigrateArguments(string Tenant, string? ToProvider, IReadOnlyDictionary<string, string?> Settings, bool VerifyOnly, bool Resume,
    bool CutOver = false, bool RollBack = false)
{
    public const string Usage =
        "usage: migrate --tenant <id> --to-provider <Sqlite|PlanetScale|DynamoDb|Fauna> --setting <key>=<value> ... [--verify-only] [--resume] [--cut-over]\n"
        + "       migrate --tenant <id> --roll-back";

    public static MigrateArguments Parse(string[] args)
    {
        string? tenant = null, provider = null;
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        bool verifyOnly = false, resume = false, cutOver = false, rollBack = false;
        for (var i = 1; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--tenant":
                    tenant = Value(args, ref i);
                    break;
                case "--to-provider":
                    provider = Value(args, ref i);
                    break;
                case "--setting":
                    var pair = Value(args, ref i);
                    var equals = pair.IndexOf('=');
                    if (equals <= 0) throw new UsageException($"--setting takes key=value, not '{pair}'\n{Usage}");
                    settings[pair[..equals].Trim()] = pair[(equals + 1)..];
                    break;
                case "--verify-only":
                    verifyOnly = true;
                    break;
                case "--resume":
                    resume = true;
                    break;
                case "--cut-over":
                    cutOver = true;
                    break;
                case "--roll-back":
                    rollBack = true;
                    break;
                default:
                    throw new UsageException($"unknown argument '{args[i]}'\n{Usage}");
            }
        }
        if (tenant is null) throw new UsageException($"--tenant is required\n{Usage}");
        if (rollBack)
            return provider is null && settings.Count == 0 && !verifyOnly && !resume && !cutOver
                ? new MigrateArguments(tenant, null, settings, false, false, RollBack: true)
                : throw new UsageException($"--roll-back takes only --tenant: the tenant goes back to the backend it left\n{Usage}");
        if (provider is null) throw new UsageException($"--to-provider is required\n{Usage}");
        if (verifyOnly && resume) throw new UsageException($"--verify-only and --resume do not go together\n{Usage}");
        if (verifyOnly && cutOver) throw new UsageException($"--verify-only and --cut-over do not go together\n{Usage}");
        return new MigrateArguments(tenant, provider, settings, verifyOnly, resume, cutOver);
    }

    private static string Value(string[] args, ref int i)
    {
        var name = args[i];
        if (i + 1 >= args.Length || args[i + 1].StartsWith("--", StringComparison.Ordinal) || string.IsNullOrWhiteSpace(args[i + 1]))
            throw new UsageException($"{name} needs a value\n{Usage}");
        return args[++i];
    }
}
