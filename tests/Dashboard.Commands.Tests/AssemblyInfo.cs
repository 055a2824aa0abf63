// The commands share the local stack's fixed ports (8000, 8001, 3306, 8443, 5080) and the machine's two cores:
// one at a time.
[assembly: Xunit.v3.Parallelization(Mode = Xunit.Sdk.ParallelMode.None)]
