using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Codex.Modules.Learning.Persistence.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "learning");

            migrationBuilder.CreateTable(
                name: "Enrolments",
                schema: "learning",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    PathId = table.Column<Guid>(type: "uuid", nullable: false),
                    Cycle = table.Column<int>(type: "integer", nullable: false),
                    State = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    EnrolledAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    DueOn = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CompletedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ExpiresAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ArchivedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    MentorPersonId = table.Column<Guid>(type: "uuid", nullable: true),
                    DueReminderStepId = table.Column<Guid>(type: "uuid", nullable: true),
                    OverdueReminderStepId = table.Column<Guid>(type: "uuid", nullable: true),
                    EscalatedStepId = table.Column<Guid>(type: "uuid", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Enrolments", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "InboxMessages",
                schema: "learning",
                columns: table => new
                {
                    MessageId = table.Column<Guid>(type: "uuid", nullable: false),
                    Handler = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    ProcessedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InboxMessages", x => new { x.MessageId, x.Handler });
                });

            migrationBuilder.CreateTable(
                name: "OutboxMessages",
                schema: "learning",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Type = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    Payload = table.Column<string>(type: "text", nullable: false),
                    OccurredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ProcessedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Attempts = table.Column<int>(type: "integer", nullable: false),
                    LastError = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OutboxMessages", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Paths",
                schema: "learning",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    AnyOrder = table.Column<bool>(type: "boolean", nullable: false),
                    RecurrenceMonths = table.Column<int>(type: "integer", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ChangedBy = table.Column<Guid>(type: "uuid", nullable: true),
                    ChangedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Paths", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "RoleHolders",
                schema: "learning",
                columns: table => new
                {
                    RoleId = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RoleHolders", x => new { x.RoleId, x.PersonId });
                });

            migrationBuilder.CreateTable(
                name: "UnitMembers",
                schema: "learning",
                columns: table => new
                {
                    UnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    IsLead = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_UnitMembers", x => new { x.UnitId, x.PersonId });
                });

            migrationBuilder.CreateTable(
                name: "StepProgress",
                schema: "learning",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    EnrolmentId = table.Column<Guid>(type: "uuid", nullable: false),
                    StepId = table.Column<Guid>(type: "uuid", nullable: false),
                    State = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Evidence = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    SubmittedBy = table.Column<Guid>(type: "uuid", nullable: false),
                    SubmittedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CompletedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    CompletedBy = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StepProgress", x => x.Id);
                    table.ForeignKey(
                        name: "FK_StepProgress_Enrolments_EnrolmentId",
                        column: x => x.EnrolmentId,
                        principalSchema: "learning",
                        principalTable: "Enrolments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Assignments",
                schema: "learning",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PathId = table.Column<Guid>(type: "uuid", nullable: false),
                    RoleId = table.Column<Guid>(type: "uuid", nullable: false),
                    RoleName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    DueOffsetDays = table.Column<int>(type: "integer", nullable: false),
                    AssignedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Assignments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Assignments_Paths_PathId",
                        column: x => x.PathId,
                        principalSchema: "learning",
                        principalTable: "Paths",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Steps",
                schema: "learning",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PathId = table.Column<Guid>(type: "uuid", nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    EffortMinutes = table.Column<int>(type: "integer", nullable: false),
                    Link = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    ScheduledAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Place = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    TargetToolId = table.Column<Guid>(type: "uuid", nullable: true),
                    TargetLevel = table.Column<int>(type: "integer", nullable: true),
                    RequiresSignOff = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Steps", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Steps_Paths_PathId",
                        column: x => x.PathId,
                        principalSchema: "learning",
                        principalTable: "Paths",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Assignments_PathId_RoleId",
                schema: "learning",
                table: "Assignments",
                columns: new[] { "PathId", "RoleId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Assignments_RoleId",
                schema: "learning",
                table: "Assignments",
                column: "RoleId");

            migrationBuilder.CreateIndex(
                name: "IX_Enrolments_PathId_State",
                schema: "learning",
                table: "Enrolments",
                columns: new[] { "PathId", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_Enrolments_PersonId_PathId_Cycle",
                schema: "learning",
                table: "Enrolments",
                columns: new[] { "PersonId", "PathId", "Cycle" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Enrolments_State_DueOn",
                schema: "learning",
                table: "Enrolments",
                columns: new[] { "State", "DueOn" });

            migrationBuilder.CreateIndex(
                name: "IX_OutboxMessages_ProcessedAt_OccurredAt",
                schema: "learning",
                table: "OutboxMessages",
                columns: new[] { "ProcessedAt", "OccurredAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Paths_Title",
                schema: "learning",
                table: "Paths",
                column: "Title");

            migrationBuilder.CreateIndex(
                name: "IX_RoleHolders_PersonId",
                schema: "learning",
                table: "RoleHolders",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_StepProgress_EnrolmentId_StepId",
                schema: "learning",
                table: "StepProgress",
                columns: new[] { "EnrolmentId", "StepId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_StepProgress_State",
                schema: "learning",
                table: "StepProgress",
                column: "State");

            migrationBuilder.CreateIndex(
                name: "IX_Steps_PathId",
                schema: "learning",
                table: "Steps",
                column: "PathId");

            migrationBuilder.CreateIndex(
                name: "IX_Steps_TargetToolId_TargetLevel",
                schema: "learning",
                table: "Steps",
                columns: new[] { "TargetToolId", "TargetLevel" });

            migrationBuilder.CreateIndex(
                name: "IX_UnitMembers_PersonId",
                schema: "learning",
                table: "UnitMembers",
                column: "PersonId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Assignments",
                schema: "learning");

            migrationBuilder.DropTable(
                name: "InboxMessages",
                schema: "learning");

            migrationBuilder.DropTable(
                name: "OutboxMessages",
                schema: "learning");

            migrationBuilder.DropTable(
                name: "RoleHolders",
                schema: "learning");

            migrationBuilder.DropTable(
                name: "StepProgress",
                schema: "learning");

            migrationBuilder.DropTable(
                name: "Steps",
                schema: "learning");

            migrationBuilder.DropTable(
                name: "UnitMembers",
                schema: "learning");

            migrationBuilder.DropTable(
                name: "Enrolments",
                schema: "learning");

            migrationBuilder.DropTable(
                name: "Paths",
                schema: "learning");
        }
    }
}
