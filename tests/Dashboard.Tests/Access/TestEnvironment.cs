using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;

namespace Dashboard.Tests.Access;

/// <summary>A host environment by name, for validators that judge Development and production differently.</summary>
public sealed class TestEnvironment(string name) : IHostEnvironment
{
    public string EnvironmentName { get; set; } = name;
    public string ApplicationName { get; set; } = "Dashboard";
    public string ContentRootPath { get; set; } = LocalSignInTests.RepoRoot();
    public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
}
