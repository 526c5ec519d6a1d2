using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Codex.Modules.Skills.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class UnitCoverage : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CoverageState",
                schema: "skills",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false),
                    Generation = table.Column<long>(type: "bigint", nullable: false),
                    RebuiltAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CoverageState", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "UnitCoverage",
                schema: "skills",
                columns: table => new
                {
                    UnitId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    ToolId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Holders = table.Column<int>(type: "int", nullable: false),
                    Meeting = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_UnitCoverage", x => new { x.UnitId, x.ToolId });
                });

            migrationBuilder.InsertData(
                schema: "skills",
                table: "CoverageState",
                columns: new[] { "Id", "Generation", "RebuiltAt" },
                values: new object[] { 1, 0L, null });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CoverageState",
                schema: "skills");

            migrationBuilder.DropTable(
                name: "UnitCoverage",
                schema: "skills");
        }
    }
}
