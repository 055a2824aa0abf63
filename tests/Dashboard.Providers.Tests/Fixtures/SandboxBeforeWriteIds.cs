using Microsoft.Data.Sqlite;

namespace Dashboard.Providers.Tests.Fixtures;

/// <summary>
/// A sandbox file as builds before write ids made it: the schema EnsureCreated wrote then (copied from such a
/// file), with Ada, her order and its items stored the way EF stored them (times and money as text).
/// </summary>
public static class SandboxBeforeWriteIds
{
    public const string UserId = "01KB0000000000000000000ADA";
    public const string OrderId = "01KB0000000000000000000RD1";

    private const string Script = """
        CREATE TABLE "users" (
            "id" TEXT NOT NULL CONSTRAINT "PK_users" PRIMARY KEY,
            "email" TEXT NOT NULL,
            "name" TEXT NOT NULL,
            "name_key" TEXT NOT NULL,
            "avatar_url" TEXT NULL,
            "created_at" TEXT NOT NULL,
            "updated_at" TEXT NOT NULL,
            "version" INTEGER NOT NULL
        );
        CREATE TABLE "orders" (
            "id" TEXT NOT NULL CONSTRAINT "PK_orders" PRIMARY KEY,
            "user_id" TEXT NOT NULL,
            "status" TEXT NOT NULL,
            "total" TEXT NOT NULL,
            "currency" TEXT NOT NULL,
            "created_at" TEXT NOT NULL,
            "updated_at" TEXT NOT NULL,
            "version" INTEGER NOT NULL,
            CONSTRAINT "FK_orders_users_user_id" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE RESTRICT
        );
        CREATE TABLE "order_items" (
            "id" INTEGER NOT NULL CONSTRAINT "PK_order_items" PRIMARY KEY AUTOINCREMENT,
            "order_id" TEXT NOT NULL,
            "position" INTEGER NOT NULL,
            "product_id" TEXT NOT NULL,
            "product_name" TEXT NOT NULL,
            "quantity" INTEGER NOT NULL,
            "unit_price" TEXT NOT NULL,
            CONSTRAINT "FK_order_items_orders_order_id" FOREIGN KEY ("order_id") REFERENCES "orders" ("id") ON DELETE CASCADE
        );
        CREATE UNIQUE INDEX "ux_order_items_order_position" ON "order_items" ("order_id", "position");
        CREATE INDEX "ix_orders_user_id_created_at" ON "orders" ("user_id", "created_at");
        CREATE INDEX "ix_orders_user_id_id" ON "orders" ("user_id", "id");
        CREATE INDEX "ix_users_name_key_id" ON "users" ("name_key", "id");
        CREATE UNIQUE INDEX "ux_users_email" ON "users" ("email");

        INSERT INTO "users" VALUES ('01KB0000000000000000000ADA', 'ada@example.com', 'Ada Lovelace', 'ada lovelace', NULL,
            '2026-11-30 10:00:00.123', '2026-11-30 10:00:00.123', 1);
        INSERT INTO "orders" VALUES ('01KB0000000000000000000RD1', '01KB0000000000000000000ADA', 'Pending', '12.5', 'USD',
            '2026-11-30 10:01:00.5', '2026-11-30 10:01:00.5', 1);
        INSERT INTO "order_items" ("order_id", "position", "product_id", "product_name", "quantity", "unit_price")
            VALUES ('01KB0000000000000000000RD1', 0, 'SKU-1', 'Analytical engine gear', 2, '6.25');
        """;

    public static async Task CreateAsync(string file, CancellationToken ct)
    {
        await using var connection = new SqliteConnection($"Data Source={file};Pooling=False");
        await connection.OpenAsync(ct);
        await using var command = new SqliteCommand(Script, connection);
        await command.ExecuteNonQueryAsync(ct);
    }
}
