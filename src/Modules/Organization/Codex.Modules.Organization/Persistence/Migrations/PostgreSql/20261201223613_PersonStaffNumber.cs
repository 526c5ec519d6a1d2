using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Codex.Modules.Organization.Persistence.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class PersonStaffNumber : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "StaffNumber",
                schema: "organization",
                table: "People",
                type: "character varying(50)",
                maxLength: 50,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_People_StaffNumber",
                schema: "organization",
                table: "People",
                column: "StaffNumber",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_People_StaffNumber",
                schema: "organization",
                table: "People");

            migrationBuilder.DropColumn(
                name: "StaffNumber",
                schema: "organization",
                table: "People");
        }
    }
}
