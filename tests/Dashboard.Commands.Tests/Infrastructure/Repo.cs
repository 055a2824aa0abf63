namespace Dashboard.Commands.Tests.Infrastructure;

/// <summary>The repository these tests were built in: commands run from its root, as the README shows them.</summary>
public static class Repo
{
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Dashboard.sln"))) return dir.FullName;
        throw new InvalidOperationException("Dashboard.sln not found above the test output.");
    }
}
