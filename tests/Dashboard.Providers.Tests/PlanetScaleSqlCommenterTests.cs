using Dashboard.Providers.Sql.Interception;

namespace Dashboard.Providers.Tests;

/// <summary>The SQLCommenter format (google.github.io/sqlcommenter/spec) the PlanetScale provider tags statements with.</summary>
[Trait("Backend", "PlanetScale")]
public sealed class PlanetScaleSqlCommenterTests
{
    private static readonly string Tag = SqlCommenter.Comment(new Dictionary<string, string> { ["tenant"] = "acme", ["action"] = "list_users" });

    [Fact]
    public void Keys_are_sorted_and_values_quoted()
    {
        Assert.Equal("/*action='list_users',tenant='acme'*/", Tag);
    }

    [Fact]
    public void Keys_and_values_are_url_encoded_so_no_quote_or_comment_end_survives()
    {
        var comment = SqlCommenter.Comment(new Dictionary<string, string> { ["route"] = "/t/o'brien */ DROP", ["a b"] = "x=y,z" });

        Assert.Equal("/*a%20b='x%3Dy%2Cz',route='%2Ft%2Fo%27brien%20%2A%2F%20DROP'*/", comment);
    }

    [Fact]
    public void Each_statement_of_a_batch_is_tagged_and_quoted_semicolons_are_not_statement_ends()
    {
        var sql = "INSERT INTO t VALUES ('a;b', \"c;d\");\nUPDATE t SET x = `y;z`;\n";

        Assert.Equal($"INSERT INTO t VALUES ('a;b', \"c;d\") {Tag};\nUPDATE t SET x = `y;z` {Tag};\n", SqlCommenter.Tag(sql, Tag));
    }

    [Fact]
    public void A_single_statement_gets_the_tag_at_its_end_and_a_commented_one_is_left_alone()
    {
        Assert.Equal($"SELECT 1 {Tag}", SqlCommenter.Tag("SELECT 1\n", Tag));
        Assert.Equal("SELECT /* mine */ 1", SqlCommenter.Tag("SELECT /* mine */ 1", Tag));
    }

    [Fact]
    public void A_line_comment_does_not_swallow_the_tag()
    {
        Assert.Equal($"SELECT 1 -- note\n{Tag}", SqlCommenter.Tag("SELECT 1 -- note\n", Tag));
        Assert.Equal($"SELECT 1 -- a;b\n{Tag};", SqlCommenter.Tag("SELECT 1 -- a;b\n;", Tag));
    }
}
