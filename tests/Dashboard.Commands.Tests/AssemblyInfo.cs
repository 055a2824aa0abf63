// Two lanes on the machine's two cores: the commands on the local stack's and the cluster's fixed ports (8000, 8001,
// 3306, 8443, 5080, 5081, 5082, 5443, 5088, 9090) one at a time, in one collection, and beside them the benchmarks'
// smoke runs, which start their own servers on free ports.
[assembly: Xunit.v3.Parallelization(MaxThreads = 2)]

namespace Dashboard.Commands.Tests;

/// <summary>The commands that use the fixed ports or the repository's own data folders: one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class OneAtATime
{
    public const string Name = "Commands on the fixed ports, one at a time";
}
