using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.JSInterop;

namespace Dashboard.Services;

/// <summary>
/// Keeps every circuit's JS interop from deriving JSON contracts for the base types and system interfaces of what it
/// passes. Each circuit's JS runtime has its own <see cref="JsonSerializerOptions"/>, so its own cache of contracts,
/// and an argument passed as <c>object</c> (every interop argument is) makes System.Text.Json look for a polymorphic
/// ancestor: it builds a contract for every interface of the value's type, about 30 for an <c>int</c> (INumber&lt;int&gt;,
/// IComparable, ...), a dozen for a string or an enum. The framework's own calls at circuit start pass all three, so
/// every circuit paid about 35 KB for contracts nothing serializes. No value is ever serialized as one of these
/// (their contracts have no members), so they resolve to nothing: a declared property of such a type would fail
/// loudly instead of writing <c>{}</c>.
/// </summary>
public static class LeanJsInteropContracts
{
    private static readonly PropertyInfo? OptionsProperty =
        typeof(JSRuntime).GetProperty("JsonSerializerOptions", BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public);

    /// <summary>Wraps the circuit JS runtime's registration (after AddInteractiveServerComponents) so each new runtime gets the lean resolver.</summary>
    public static IServiceCollection AddLeanJsInteropContracts(this IServiceCollection services)
    {
        var registered = services.LastOrDefault(d => d.ServiceType == typeof(IJSRuntime));
        if (registered is not { ImplementationType: { } runtimeType, Lifetime: ServiceLifetime.Scoped } || OptionsProperty is null) return services;
        services.Replace(ServiceDescriptor.Scoped<IJSRuntime>(sp => Apply((IJSRuntime)ActivatorUtilities.CreateInstance(sp, runtimeType))));
        return services;
    }

    /// <summary>Gives <paramref name="runtime"/>'s options the lean resolver, if they can still be changed.</summary>
    public static IJSRuntime Apply(IJSRuntime runtime)
    {
        if (runtime is JSRuntime && OptionsProperty?.GetValue(runtime) is JsonSerializerOptions { IsReadOnly: false } options
            && options.TypeInfoResolver is not WithoutSystemAncestors)
            options.TypeInfoResolver = new WithoutSystemAncestors(options.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver());
        return runtime;
    }

    /// <summary>True when <paramref name="runtime"/>'s contracts are the lean ones (for tests).</summary>
    public static bool IsApplied(IJSRuntime runtime) =>
        runtime is JSRuntime && OptionsProperty?.GetValue(runtime) is JsonSerializerOptions { TypeInfoResolver: WithoutSystemAncestors };

    /// <summary>Resolves nothing for System's and System.Numerics' interfaces, ValueType and Enum; everything else as before.</summary>
    internal sealed class WithoutSystemAncestors(IJsonTypeInfoResolver inner) : IJsonTypeInfoResolver
    {
        public JsonTypeInfo? GetTypeInfo(Type type, JsonSerializerOptions options) =>
            IsSystemAncestor(type) ? null : inner.GetTypeInfo(type, options);

        internal static bool IsSystemAncestor(Type type) =>
            type == typeof(ValueType) || type == typeof(Enum)
            || type.IsInterface && type.Namespace is "System" or "System.Numerics" or "System.Runtime.Serialization";
    }
}
