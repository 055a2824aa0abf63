using MySqlConnector;

namespace Dashboard.PlanetScale.Bench;

/// <summary>
/// The same users page as the provider's keyset query (email order, one extra row to tell there is more),
/// hand-written on MySqlConnector with no EF, no mapping beyond reading the columns: the floor to compare with.
/// </summary>
public sealed class RawUsersQuery(string connectionString)
{
    private const string Columns = "`id`, `avatar_url`, `created_at`, `email`, `name`, `name_key`, `updated_at`, `version`";

    public async Task<(int Rows, string? LastEmail)> PageAsync(string? afterEmail, int size, CancellationToken ct)
    {
        await using var connection = new MySqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = afterEmail is null
            ? $"SELECT {Columns} FROM `users` ORDER BY `email` LIMIT @take"
            : $"SELECT {Columns} FROM `users` WHERE `email` > @after ORDER BY `email` LIMIT @take";
        command.Parameters.AddWithValue("@after", afterEmail);
        command.Parameters.AddWithValue("@take", size + 1);
        return await ReadAsync(command, size, ct);
    }

    /// <summary>What OFFSET paging would cost for the same page: the server walks and drops every earlier row.</summary>
    public async Task<(int Rows, string? LastEmail)> OffsetPageAsync(int page, int size, CancellationToken ct)
    {
        await using var connection = new MySqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM `users` ORDER BY `email` LIMIT @take OFFSET @skip";
        command.Parameters.AddWithValue("@take", size + 1);
        command.Parameters.AddWithValue("@skip", (page - 1) * size);
        return await ReadAsync(command, size, ct);
    }

    private static async Task<(int Rows, string? LastEmail)> ReadAsync(MySqlCommand command, int size, CancellationToken ct)
    {
        var rows = 0;
        string? last = null;
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            rows++;
            _ = reader.GetString(0);
            _ = reader.IsDBNull(1) ? null : reader.GetString(1);
            _ = reader.GetDateTime(2);
            var email = reader.GetString(3);
            _ = reader.GetString(4);
            _ = reader.GetString(5);
            _ = reader.GetDateTime(6);
            _ = reader.GetInt64(7);
            if (rows <= size) last = email;
        }
        return (rows, last);
    }
}
