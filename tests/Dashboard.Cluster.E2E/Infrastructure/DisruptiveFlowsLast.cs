using Xunit.Sdk;
using Xunit.v3;

[assembly: TestClassOrderer(typeof(Dashboard.Cluster.E2E.DisruptiveFlowsLast))]

namespace Dashboard.Cluster.E2E;

/// <summary>Marks a flow that kills or restarts part of the cluster: it runs after every other flow.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class DisruptsTheClusterAttribute : Attribute;

/// <summary>
/// The flows share one cluster. One that restarts an instance resets that instance's counters, so a later flow
/// comparing a backend's running totals with the sum of the instances' counters would miss what came before: the
/// disruptive flows go last (the others in name order, so runs are alike).
/// </summary>
public sealed class DisruptiveFlowsLast : ITestClassOrderer
{
    public IReadOnlyCollection<TTestClass?> OrderTestClasses<TTestClass>(IReadOnlyCollection<TTestClass?> testClasses) where TTestClass : ITestClass =>
        testClasses.OrderBy(c => Disrupts(c) ? 1 : 0).ThenBy(c => c?.TestClassName, StringComparer.Ordinal).ToList();

    private static bool Disrupts(ITestClass? testClass) =>
        testClass is IXunitTestClass { Class: var type } && type.IsDefined(typeof(DisruptsTheClusterAttribute), inherit: false);
}
