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

/// <summary>Runs a class's test methods in <see cref="StepAttribute"/> order.</summary>
public sealed class StepOrderer : ITestMethodOrderer
{
    public IReadOnlyCollection<TTestMethod?> OrderTestMethods<TTestMethod>(IReadOnlyCollection<TTestMethod?> testMethods)
        where TTestMethod : notnull, ITestMethod =>
        testMethods.OrderBy(Step).ToList();

    private static int Step<TTestMethod>(TTestMethod? testMethod) where TTestMethod : notnull, ITestMethod =>
        testMethod is null ? 0
        : (testMethod as IXunitTestMethod)?.Method.GetCustomAttribute<StepAttribute>()?.Number
          ?? throw new InvalidOperationException($"{testMethod.MethodName} has no [Step(n)].");
}
