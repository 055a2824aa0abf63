using Bunit;
using Dashboard.Components.Layout;

namespace Dashboard.Tests.Tenants;

/// <summary>Typing into the tenant switcher as a person does: the field is focused first, which swaps in the autocomplete.</summary>
internal static class TenantSwitcherTyping
{
    public const string PlainInput = "#tenant-switcher-input";

    public static void Type(this IRenderedComponent<TenantSwitcher> switcher, string text)
    {
        if (switcher.FindAll(PlainInput).Count == 1) switcher.Find(PlainInput).Focus();
        switcher.WaitForAssertion(() => Assert.Empty(switcher.FindAll(PlainInput)));
        switcher.Find(".tenant-switcher input").Input(text);
    }
}
