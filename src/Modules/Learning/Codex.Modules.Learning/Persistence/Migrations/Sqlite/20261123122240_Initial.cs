using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Codex.Modules.Learning.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "learning_Enrolments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PathId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Cycle = table.Column<int>(type: "INTEGER", nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    EnrolledAt = table.Column<long>(type: "INTEGER", nullable: false),
                    DueOn = table.Column<long>(type: "INTEGER", nullable: false),
                    CompletedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ExpiresAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ArchivedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    MentorPersonId = table.Column<Guid>(type: "TEXT", nullable: true),
                    DueReminderStepId = table.Column<Guid>(type: "TEXT", nullable: true),
                    OverdueReminderStepId = table.Column<Guid>(type: "TEXT", nullable: true),
                    EscalatedStepId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_learning_Enrolments", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "learning_InboxMessages",
                columns: table => new
                {
                    MessageId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Handler = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    ProcessedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_learning_InboxMessages", x => new { x.MessageId, x.Handler });
                });

            migrationBuilder.CreateTable(
                name: "learning_OutboxMessages",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Type = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    Payload = table.Column<string>(type: "TEXT", nullable: false),
                    OccurredAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ProcessedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    LastError = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_learning_OutboxMessages", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "learning_Paths",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    AnyOrder = table.Column<bool>(type: "INTEGER", nullable: false),
                    RecurrenceMonths = table.Column<int>(type: "INTEGER", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ChangedBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    ChangedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_learning_Paths", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "learning_RoleHolders",
                columns: table => new
                {
                    RoleId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_learning_RoleHolders", x => new { x.RoleId, x.PersonId });
                });

            migrationBuilder.CreateTable(
                name: "learning_UnitMembers",
                columns: table => new
                {
                    UnitId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    IsLead = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_learning_UnitMembers", x => new { x.UnitId, x.PersonId });
                });

            migrationBuilder.CreateTable(
                name: "learning_StepProgress",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    EnrolmentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    StepId = table.Column<Guid>(type: "TEXT", nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Evidence = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    SubmittedBy = table.Column<Guid>(type: "TEXT", nullable: false),
                    SubmittedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CompletedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    CompletedBy = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_learning_StepProgress", x => x.Id);
                    table.ForeignKey(
                        name: "FK_learning_StepProgress_learning_Enrolments_EnrolmentId",
                        column: x => x.EnrolmentId,
                        principalTable: "learning_Enrolments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "learning_Assignments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PathId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RoleId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RoleName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    DueOffsetDays = table.Column<int>(type: "INTEGER", nullable: false),
                    AssignedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_learning_Assignments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_learning_Assignments_learning_Paths_PathId",
                        column: x => x.PathId,
                        principalTable: "learning_Paths",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "learning_Steps",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PathId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    EffortMinutes = table.Column<int>(type: "INTEGER", nullable: false),
                    Link = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    ScheduledAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Place = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    TargetToolId = table.Column<Guid>(type: "TEXT", nullable: true),
                    TargetLevel = table.Column<int>(type: "INTEGER", nullable: true),
                    RequiresSignOff = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_learning_Steps", x => x.Id);
                    table.ForeignKey(
                        name: "FK_learning_Steps_learning_Paths_PathId",
                        column: x => x.PathId,
                        principalTable: "learning_Paths",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_learning_Assignments_PathId_RoleId",
                table: "learning_Assignments",
                columns: new[] { "PathId", "RoleId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_learning_Assignments_RoleId",
                table: "learning_Assignments",
                column: "RoleId");

            migrationBuilder.CreateIndex(
                name: "IX_learning_Enrolments_PathId_State",
                table: "learning_Enrolments",
                columns: new[] { "PathId", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_learning_Enrolments_PersonId_PathId_Cycle",
                table: "learning_Enrolments",
                columns: new[] { "PersonId", "PathId", "Cycle" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_learning_Enrolments_State_DueOn",
                table: "learning_Enrolments",
                columns: new[] { "State", "DueOn" });

            migrationBuilder.CreateIndex(
                name: "IX_learning_OutboxMessages_ProcessedAt_OccurredAt",
                table: "learning_OutboxMessages",
                columns: new[] { "ProcessedAt", "OccurredAt" });

            migrationBuilder.CreateIndex(
                name: "IX_learning_Paths_Title",
                table: "learning_Paths",
                column: "Title");

            migrationBuilder.CreateIndex(
                name: "IX_learning_RoleHolders_PersonId",
                table: "learning_RoleHolders",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_learning_StepProgress_EnrolmentId_StepId",
                table: "learning_StepProgress",
                columns: new[] { "EnrolmentId", "StepId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_learning_StepProgress_State",
                table: "learning_StepProgress",
                column: "State");

            migrationBuilder.CreateIndex(
                name: "IX_learning_Steps_PathId",
                table: "learning_Steps",
                column: "PathId");

            migrationBuilder.CreateIndex(
                name: "IX_learning_Steps_TargetToolId_TargetLevel",
                table: "learning_Steps",
                columns: new[] { "TargetToolId", "TargetLevel" });

            migrationBuilder.CreateIndex(
                name: "IX_learning_UnitMembers_PersonId",
                table: "learning_UnitMembers",
                column: "PersonId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "learning_Assignments");

            migrationBuilder.DropTable(
                name: "learning_InboxMessages");

            migrationBuilder.DropTable(
                name: "learning_OutboxMessages");

            migrationBuilder.DropTable(
                name: "learning_RoleHolders");

            migrationBuilder.DropTable(
                name: "learning_StepProgress");

            migrationBuilder.DropTable(
                name: "learning_Steps");

            migrationBuilder.DropTable(
                name: "learning_UnitMembers");

            migrationBuilder.DropTable(
                name: "learning_Enrolments");

            migrationBuilder.DropTable(
                name: "learning_Paths");
        }
    }
}
