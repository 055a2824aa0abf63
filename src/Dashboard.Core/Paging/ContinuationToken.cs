using System.Buffers.Text;
using System.Text.Json;

namespace Dashboard.Core.Paging;

/// <summary>
/// Wraps a provider's position (a keyset, an ExclusiveStartKey, a Fauna cursor) into a URL-safe opaque string.
/// The kind tag (<see cref="Listing.Kind"/>) stops a token of one listing being replayed against another.
/// </summary>
public static class ContinuationToken
{
    public static string Encode<T>(string kind, T position)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(new Envelope<T>(kind, position));
        return Base64Url.EncodeToString(json);
    }

    /// <summary>Reads a token back; a malformed or foreign token is <see cref="NotValid"/>.</summary>
    public static T Decode<T>(string kind, string token)
    {
        try
        {
            var envelope = JsonSerializer.Deserialize<Envelope<T>>(Base64Url.DecodeFromChars(token));
            if (envelope is { Position: not null } && envelope.Kind == kind) return envelope.Position;
        }
        catch (Exception e) when (e is FormatException or JsonException or ArgumentException)
        {
        }
        throw NotValid();
    }

    /// <summary>
    /// The refusal of a page link that cannot continue its listing: ours was tampered with or belongs to another
    /// listing, or the backend refused the position inside it. Every backend says it with these words.
    /// </summary>
    public static ValidationException NotValid() =>
        new("cursor", "The page link is not valid any more; start again from the first page.");

    private sealed record Envelope<T>(string Kind, T Position);
}
