using System.Security.Cryptography;
using System.Text;
using Dashboard.Core.Domain;

namespace Dashboard.Operations.Migrations;

/// <summary>A SHA-256 of an entity's canonical fields (<see cref="EntityFields"/>): equal exactly when every field is.</summary>
public static class EntityChecksum
{
    public static string Of(User user) => Hash(EntityFields.Of(user));

    public static string Of(Order order) => Hash(EntityFields.Of(order));

    private static string Hash(IReadOnlyList<KeyValuePair<string, string>> fields)
    {
        // Length-prefixed, so no value can run into the next field.
        var text = new StringBuilder();
        foreach (var (name, value) in fields)
            text.Append(name).Append(':').Append(value.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(value).Append('\n');
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
