using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Codex.Host.Identity.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class Invitations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ActivatedAt",
                schema: "identity",
                table: "AspNetUsers",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "CreatedAt",
                schema: "identity",
                table: "AspNetUsers",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)));

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "DeactivatedAt",
                schema: "identity",
                table: "AspNetUsers",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "AccountAudit",
                schema: "identity",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ActorPersonId = table.Column<Guid>(type: "uuid", nullable: true),
                    ActorName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    SubjectPersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    SubjectName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Action = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Detail = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AccountAudit", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AccountInvitations",
                schema: "identity",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    AccountId = table.Column<Guid>(type: "uuid", nullable: false),
                    TokenHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ExpiresAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    AcceptedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ReplacedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    InvitedByPersonId = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AccountInvitations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AccountInvitations_AspNetUsers_AccountId",
                        column: x => x.AccountId,
                        principalSchema: "identity",
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AccountAudit_At",
                schema: "identity",
                table: "AccountAudit",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_AccountInvitations_AccountId",
                schema: "identity",
                table: "AccountInvitations",
                column: "AccountId");

            migrationBuilder.CreateIndex(
                name: "IX_AccountInvitations_TokenHash",
                schema: "identity",
                table: "AccountInvitations",
                column: "TokenHash",
                unique: true);

            // Accounts that could sign in before invitations existed are active.
            migrationBuilder.Sql("UPDATE identity.\"AspNetUsers\" SET \"ActivatedAt\" = now(), \"CreatedAt\" = now() WHERE \"PasswordHash\" IS NOT NULL;");
            // Lead rights follow the membership lead flag now; the account role goes.
            migrationBuilder.Sql("DELETE FROM identity.\"AspNetUserRoles\" WHERE \"RoleId\" IN (SELECT \"Id\" FROM identity.\"AspNetRoles\" WHERE \"NormalizedName\" = 'TEAMLEAD');");
            migrationBuilder.Sql("DELETE FROM identity.\"AspNetRoles\" WHERE \"NormalizedName\" = 'TEAMLEAD';");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AccountAudit",
                schema: "identity");

            migrationBuilder.DropTable(
                name: "AccountInvitations",
                schema: "identity");

            migrationBuilder.DropColumn(
                name: "ActivatedAt",
                schema: "identity",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "CreatedAt",
                schema: "identity",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "DeactivatedAt",
                schema: "identity",
                table: "AspNetUsers");
        }
    }
}
