using System.Reflection;
using System.Text.Json;
using Dashboard.Services;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Builder;
using Microsoft.JSInterop;

namespace Dashboard.Tests.Services;

/// <summary>
/// Every circuit's JS runtime gets the lean JSON contracts (no contracts for the system interfaces of what it passes),
/// and what it serializes is the same as before.
/// </summary>
public sealed class LeanJsInteropContractsTests
{
    [Fact]
    public void The_circuit_JS_runtime_the_app_registers_gets_the_lean_contracts()
    {
        var builder = WebApplication.CreateEmptyBuilder(new());
        builder.Services.AddDashboardUi();
        using var provider = builder.Services.BuildServiceProvider();
        using var scope = provider.CreateScope();

        var runtime = scope.ServiceProvider.GetRequiredService<IJSRuntime>();

        // The framework's own circuit runtime, not a stand-in: the circuit factory casts to it.
        Assert.Equal("RemoteJSRuntime", runtime.GetType().Name);
        Assert.True(LeanJsInteropContracts.IsApplied(runtime));
    }

    [Fact]
    public void Interop_arguments_serialize_as_before_without_contracts_for_their_system_interfaces()
    {
        object?[] args = [1, "a", DayOfWeek.Monday, new Dictionary<string, List<string>> { ["x"] = ["y"] }, new { Count = 2, Name = "n" }, null];
        var plain = Options();
        var lean = Options();
        lean.TypeInfoResolver = new LeanJsInteropContracts.WithoutSystemAncestors(lean.TypeInfoResolver!);

        Assert.Equal(JsonSerializer.Serialize(args, plain), JsonSerializer.Serialize(args, lean));
        Assert.Equal("""[1,"a",1,{"x":["y"]},{"count":2,"name":"n"},null]""", JsonSerializer.Serialize(args, lean));
        Assert.Contains(typeof(System.Numerics.INumber<int>), CachedTypes(plain));
        Assert.DoesNotContain(CachedTypes(lean), type => type == typeof(System.Numerics.INumber<int>) || type == typeof(IComparable));
        Assert.True(CachedTypes(lean).Count < CachedTypes(plain).Count / 2, $"{CachedTypes(lean).Count} contracts against {CachedTypes(plain).Count}");
    }

    private static JsonSerializerOptions Options() =>
        new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase, TypeInfoResolver = new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver() };

    /// <summary>The types the options hold a contract for (System.Text.Json's own cache, read by reflection).</summary>
    private static List<Type> CachedTypes(JsonSerializerOptions options)
    {
        var context = typeof(JsonSerializerOptions).GetProperty("CacheContext", BindingFlags.Instance | BindingFlags.NonPublic)!.GetValue(options)!;
        var cache = context.GetType().GetField("_cache", BindingFlags.Instance | BindingFlags.NonPublic)!.GetValue(context)!;
        var types = new List<Type>();
        foreach (var entry in (System.Collections.IEnumerable)cache)
        {
            var key = (Type)entry.GetType().GetProperty("Key")!.GetValue(entry)!;
            var value = entry.GetType().GetProperty("Value")!.GetValue(entry)!;
            if (value.GetType().GetField("TypeInfo", BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)?.GetValue(value) is not null) types.Add(key);
        }
        return types;
    }
}
