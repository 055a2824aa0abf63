namespace Dashboard.Providers.Fauna.Model;

/// <summary>
/// The set behind a users listing, always an index range in the listing's order. Index names are fixed text
/// here, chosen by a switch: only the search text and its prefix travel, as values.
/// </summary>
internal static class UserListings
{
    public static Query For(UserSortField field, string? prefix)
    {
        if (prefix is null)
            return field == UserSortField.Email ? Fql.Of($$"""User.sortedByEmail()""") : Fql.Of($$"""User.sortedByName()""");
        var length = SearchPrefixes.Length(prefix);
        var level = Math.Min(length, SearchPrefixes.Levels);
        var bucket = SearchPrefixes.Head(prefix, level);
        var range = (field, level) switch
        {
            (UserSortField.Email, 1) => Fql.Of($$"""User.byEmailPrefix1({{bucket}})"""),
            (UserSortField.Email, 2) => Fql.Of($$"""User.byEmailPrefix2({{bucket}})"""),
            (UserSortField.Email, _) => Fql.Of($$"""User.byEmailPrefix3({{bucket}})"""),
            (_, 1) => Fql.Of($$"""User.byNamePrefix1({{bucket}})"""),
            (_, 2) => Fql.Of($$"""User.byNamePrefix2({{bucket}})"""),
            _ => Fql.Of($$"""User.byNamePrefix3({{bucket}})"""),
        };
        if (length <= SearchPrefixes.Levels) return range;
        // Longer than the stored prefixes: filter inside the 3-character bucket, still in index order.
        return field == UserSortField.Email
            ? Fql.Of($$"""{{range}}.where(.email.startsWith({{prefix}}))""")
            : Fql.Of($$"""{{range}}.where(.nameKey.startsWith({{prefix}}))""");
    }
}
