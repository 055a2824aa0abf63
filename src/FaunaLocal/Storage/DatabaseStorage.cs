namespace FaunaLocal.Storage;

/// <summary>
/// What a database occupies: the documents and index entries of its collections and of every database below it
/// (Fauna bills a database's storage together with its children's). Sums the collections' running figures, so
/// it costs one step per collection and database, never a pass over documents.
/// </summary>
public sealed record DatabaseStorage(long DocumentBytes, long IndexBytes, long Documents)
{
    public static readonly DatabaseStorage None = new(0, 0, 0);

    public long Bytes => DocumentBytes + IndexBytes;

    public static DatabaseStorage Of(DatabaseState db) =>
        db.Collections.Values.Select(c => new DatabaseStorage(c.DocumentBytes, c.IndexBytes, c.Docs.Count))
            .Concat(db.Children.Values.Select(child => Of(child.State)))
            .Aggregate(None, (sum, part) => sum + part);

    public static DatabaseStorage operator +(DatabaseStorage a, DatabaseStorage b) =>
        new(a.DocumentBytes + b.DocumentBytes, a.IndexBytes + b.IndexBytes, a.Documents + b.Documents);
}
