using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Codex.Modules.Organization.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PersonStaffNumber : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "StaffNumber",
                table: "organization_People",
                type: "TEXT",
                maxLength: 50,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_organization_People_StaffNumber",
                table: "organization_People",
                column: "StaffNumber",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_organization_People_StaffNumber",
                table: "organization_People");

            migrationBuilder.DropColumn(
                name: "StaffNumber",
                table: "organization_People");
        }
    }
}
