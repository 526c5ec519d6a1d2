using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Codex.Modules.Learning.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class ProgressViews : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ProgressViews",
                schema: "learning",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    PersonId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    EnrolmentId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    ViewerPersonId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    ViewerName = table.Column<string>(type: "nvarchar(400)", maxLength: 400, nullable: false),
                    At = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProgressViews", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ProgressViews_PersonId_At",
                schema: "learning",
                table: "ProgressViews",
                columns: new[] { "PersonId", "At" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ProgressViews",
                schema: "learning");
        }
    }
}
