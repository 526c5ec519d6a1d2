using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Codex.Modules.Skills.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SuspendedRoles : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "skills_SuspendedRoles",
                columns: table => new
                {
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RoleId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AssignedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    SuspendedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_skills_SuspendedRoles", x => new { x.PersonId, x.RoleId });
                    table.ForeignKey(
                        name: "FK_skills_SuspendedRoles_skills_PersonRoles_PersonId",
                        column: x => x.PersonId,
                        principalTable: "skills_PersonRoles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "skills_SuspendedRoles");
        }
    }
}
