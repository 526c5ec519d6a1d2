using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Codex.Modules.Skills.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AuditTrail : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "SubjectPersonId",
                table: "skills_AuditEntries",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "skills_AuditTrail",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    ActorPersonId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ActorName = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    Action = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    SubjectPersonId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    Detail = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_skills_AuditTrail", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_skills_AuditEntries_SubjectPersonId",
                table: "skills_AuditEntries",
                column: "SubjectPersonId");

            migrationBuilder.CreateIndex(
                name: "IX_skills_AuditTrail_ActorPersonId",
                table: "skills_AuditTrail",
                column: "ActorPersonId");

            migrationBuilder.CreateIndex(
                name: "IX_skills_AuditTrail_At",
                table: "skills_AuditTrail",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_skills_AuditTrail_SubjectPersonId",
                table: "skills_AuditTrail",
                column: "SubjectPersonId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "skills_AuditTrail");

            migrationBuilder.DropIndex(
                name: "IX_skills_AuditEntries_SubjectPersonId",
                table: "skills_AuditEntries");

            migrationBuilder.DropColumn(
                name: "SubjectPersonId",
                table: "skills_AuditEntries");
        }
    }
}
