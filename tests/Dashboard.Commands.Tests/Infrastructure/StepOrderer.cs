using System.Reflection;
using Xunit.Sdk;
using Xunit.v3;

namespace Dashboard.Commands.Tests.Infrastructure;

/// <summary>The place of a test in a sequence of commands that build on each other (stack up … stack down).</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class StepAttribute(int number) : Attribute
{
    public int Number { get; } = number;
}

/// <summary>Runs a class's tests in <see cref="StepAttribute"/> order.</summary>
public sealed class StepOrderer : ITestCaseOrderer
{
    public IReadOnlyCollection<TTestCase> OrderTestCases<TTestCase>(IReadOnlyCollection<TTestCase> testCases)
        where TTestCase : notnull, ITestCase =>
        testCases.OrderBy(Step).ToList();

    private static int Step<TTestCase>(TTestCase testCase) where TTestCase : notnull, ITestCase =>
        (testCase as IXunitTestCase)?.TestMethod.Method.GetCustomAttribute<StepAttribute>()?.Number
        ?? throw new InvalidOperationException($"{testCase.TestCaseDisplayName} has no [Step(n)].");
}
