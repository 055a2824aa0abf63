using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dashboard.Providers.Sql.Migrations
{
    /// <inheritdoc />
    public partial class AddWriteId : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "write_id",
                table: "users",
                type: "char(32)",
                fixedLength: true,
                maxLength: 32,
                nullable: true,
                collation: "ascii_bin")
                .Annotation("MySql:CharSet", "ascii");

            migrationBuilder.AddColumn<string>(
                name: "write_id",
                table: "orders",
                type: "char(32)",
                fixedLength: true,
                maxLength: 32,
                nullable: true,
                collation: "ascii_bin")
                .Annotation("MySql:CharSet", "ascii");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "write_id",
                table: "users");

            migrationBuilder.DropColumn(
                name: "write_id",
                table: "orders");
        }
    }
}
