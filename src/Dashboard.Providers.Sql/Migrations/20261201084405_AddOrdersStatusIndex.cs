using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dashboard.Providers.Sql.Migrations
{
    /// <inheritdoc />
    public partial class AddOrdersStatusIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_orders_status_id",
                table: "orders",
                columns: new[] { "status", "id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_orders_status_id",
                table: "orders");
        }
    }
}
