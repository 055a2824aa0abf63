using System.Reflection;

namespace Dashboard.E2E.Infrastructure;

/// <summary>Where the repository and the app's build output are, found from this assembly's location.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>The configuration these tests were built in; the app was built in the same one.</summary>
    public static string Configuration { get; } =
        typeof(RepositoryPaths).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";

    public static string AppAssembly => Path.Combine(Root, "src", "Dashboard", "bin", Configuration, "net10.0", "Dashboard.dll");

    /// <summary>Failure screenshots and traces land here (git-ignored).</summary>
    public static string Artifacts => Path.Combine(Root, "artifacts", "e2e");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Dashboard.sln"))) return dir.FullName;
        throw new InvalidOperationException("Dashboard.sln not found above the test output.");
    }
}
