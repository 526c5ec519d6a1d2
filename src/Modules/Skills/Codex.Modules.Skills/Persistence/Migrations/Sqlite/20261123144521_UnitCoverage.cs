using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Codex.Modules.Skills.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class UnitCoverage : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "skills_CoverageState",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    Generation = table.Column<long>(type: "INTEGER", nullable: false),
                    RebuiltAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_skills_CoverageState", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "skills_UnitCoverage",
                columns: table => new
                {
                    UnitId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ToolId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Holders = table.Column<int>(type: "INTEGER", nullable: false),
                    Meeting = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_skills_UnitCoverage", x => new { x.UnitId, x.ToolId });
                });

            migrationBuilder.InsertData(
                table: "skills_CoverageState",
                columns: new[] { "Id", "Generation", "RebuiltAt" },
                values: new object[] { 1, 0L, null });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "skills_CoverageState");

            migrationBuilder.DropTable(
                name: "skills_UnitCoverage");
        }
    }
}
