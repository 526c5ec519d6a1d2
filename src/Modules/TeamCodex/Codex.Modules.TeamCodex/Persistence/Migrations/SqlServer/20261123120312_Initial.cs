using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Codex.Modules.TeamCodex.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "teamcodex");

            migrationBuilder.CreateTable(
                name: "Acknowledgements",
                schema: "teamcodex",
                columns: table => new
                {
                    CodexId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    PersonId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    VersionNumber = table.Column<int>(type: "int", nullable: false),
                    AcknowledgedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Acknowledgements", x => new { x.CodexId, x.PersonId, x.VersionNumber });
                });

            migrationBuilder.CreateTable(
                name: "Codices",
                schema: "teamcodex",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    OrgUnitId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    IsTeam = table.Column<bool>(type: "bit", nullable: false),
                    Draft = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    DraftRevision = table.Column<int>(type: "int", nullable: false),
                    VersionInForce = table.Column<int>(type: "int", nullable: true),
                    ReviewCadenceMonths = table.Column<int>(type: "int", nullable: false),
                    NextReviewOn = table.Column<DateOnly>(type: "date", nullable: false),
                    OpenRoundId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    ResponseReminderDaysBeforeClose = table.Column<int>(type: "int", nullable: false),
                    AcknowledgeReminderAfterDays = table.Column<int>(type: "int", nullable: false),
                    QuorumPercent = table.Column<int>(type: "int", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    Version = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Codices", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "DraftRevisions",
                schema: "teamcodex",
                columns: table => new
                {
                    CodexId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Number = table.Column<int>(type: "int", nullable: false),
                    Sections = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    AuthorId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    SavedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DraftRevisions", x => new { x.CodexId, x.Number });
                });

            migrationBuilder.CreateTable(
                name: "InboxMessages",
                schema: "teamcodex",
                columns: table => new
                {
                    MessageId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Handler = table.Column<string>(type: "nvarchar(300)", maxLength: 300, nullable: false),
                    ProcessedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InboxMessages", x => new { x.MessageId, x.Handler });
                });

            migrationBuilder.CreateTable(
                name: "OutboxMessages",
                schema: "teamcodex",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Type = table.Column<string>(type: "nvarchar(400)", maxLength: 400, nullable: false),
                    Payload = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    OccurredAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    ProcessedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    Attempts = table.Column<int>(type: "int", nullable: false),
                    LastError = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OutboxMessages", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Proposals",
                schema: "teamcodex",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    CodexId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Title = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    Rationale = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: false),
                    Sections = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    BasedOnVersion = table.Column<int>(type: "int", nullable: true),
                    Revision = table.Column<int>(type: "int", nullable: false),
                    Status = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    AuthorId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    PublishedAsVersion = table.Column<int>(type: "int", nullable: true),
                    Version = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Proposals", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ReviewRounds",
                schema: "teamcodex",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    CodexId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    ProposalId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    ProposalRevision = table.Column<int>(type: "int", nullable: false),
                    ClosesOn = table.Column<DateOnly>(type: "date", nullable: false),
                    QuorumPercent = table.Column<int>(type: "int", nullable: true),
                    OpenedBy = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    OpenedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    ClosedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    Outcome = table.Column<string>(type: "nvarchar(30)", maxLength: 30, nullable: true),
                    OutcomeStatement = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: true),
                    Version = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReviewRounds", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "UnitMembers",
                schema: "teamcodex",
                columns: table => new
                {
                    OrgUnitId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    PersonId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    IsLead = table.Column<bool>(type: "bit", nullable: false),
                    Since = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_UnitMembers", x => new { x.OrgUnitId, x.PersonId });
                });

            migrationBuilder.CreateTable(
                name: "Versions",
                schema: "teamcodex",
                columns: table => new
                {
                    CodexId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Number = table.Column<int>(type: "int", nullable: false),
                    Sections = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    ChangeSummary = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: false),
                    PublishedBy = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    PublishedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    RoundOutcome = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Versions", x => new { x.CodexId, x.Number });
                });

            migrationBuilder.CreateTable(
                name: "ProposalComments",
                schema: "teamcodex",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    ProposalId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    AuthorId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Text = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: false),
                    ProposalRevision = table.Column<int>(type: "int", nullable: false),
                    WrittenAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProposalComments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ProposalComments_Proposals_ProposalId",
                        column: x => x.ProposalId,
                        principalSchema: "teamcodex",
                        principalTable: "Proposals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "RoundParticipants",
                schema: "teamcodex",
                columns: table => new
                {
                    RoundId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    PersonId = table.Column<Guid>(type: "uniqueidentifier", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RoundParticipants", x => new { x.RoundId, x.PersonId });
                    table.ForeignKey(
                        name: "FK_RoundParticipants_ReviewRounds_RoundId",
                        column: x => x.RoundId,
                        principalSchema: "teamcodex",
                        principalTable: "ReviewRounds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "RoundResponses",
                schema: "teamcodex",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    RoundId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    PersonId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Kind = table.Column<string>(type: "nvarchar(30)", maxLength: 30, nullable: false),
                    Reason = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: false),
                    ProposalRevision = table.Column<int>(type: "int", nullable: false),
                    Sequence = table.Column<int>(type: "int", nullable: false),
                    RespondedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RoundResponses", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RoundResponses_ReviewRounds_RoundId",
                        column: x => x.RoundId,
                        principalSchema: "teamcodex",
                        principalTable: "ReviewRounds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Codices_NextReviewOn",
                schema: "teamcodex",
                table: "Codices",
                column: "NextReviewOn");

            migrationBuilder.CreateIndex(
                name: "IX_Codices_OrgUnitId",
                schema: "teamcodex",
                table: "Codices",
                column: "OrgUnitId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_OutboxMessages_ProcessedAt_OccurredAt",
                schema: "teamcodex",
                table: "OutboxMessages",
                columns: new[] { "ProcessedAt", "OccurredAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ProposalComments_ProposalId",
                schema: "teamcodex",
                table: "ProposalComments",
                column: "ProposalId");

            migrationBuilder.CreateIndex(
                name: "IX_Proposals_CodexId_CreatedAt",
                schema: "teamcodex",
                table: "Proposals",
                columns: new[] { "CodexId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ReviewRounds_ClosesOn",
                schema: "teamcodex",
                table: "ReviewRounds",
                column: "ClosesOn");

            migrationBuilder.CreateIndex(
                name: "IX_ReviewRounds_CodexId_OpenedAt",
                schema: "teamcodex",
                table: "ReviewRounds",
                columns: new[] { "CodexId", "OpenedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_RoundResponses_RoundId_PersonId",
                schema: "teamcodex",
                table: "RoundResponses",
                columns: new[] { "RoundId", "PersonId" });

            migrationBuilder.CreateIndex(
                name: "IX_UnitMembers_PersonId",
                schema: "teamcodex",
                table: "UnitMembers",
                column: "PersonId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Acknowledgements",
                schema: "teamcodex");

            migrationBuilder.DropTable(
                name: "Codices",
                schema: "teamcodex");

            migrationBuilder.DropTable(
                name: "DraftRevisions",
                schema: "teamcodex");

            migrationBuilder.DropTable(
                name: "InboxMessages",
                schema: "teamcodex");

            migrationBuilder.DropTable(
                name: "OutboxMessages",
                schema: "teamcodex");

            migrationBuilder.DropTable(
                name: "ProposalComments",
                schema: "teamcodex");

            migrationBuilder.DropTable(
                name: "RoundParticipants",
                schema: "teamcodex");

            migrationBuilder.DropTable(
                name: "RoundResponses",
                schema: "teamcodex");

            migrationBuilder.DropTable(
                name: "UnitMembers",
                schema: "teamcodex");

            migrationBuilder.DropTable(
                name: "Versions",
                schema: "teamcodex");

            migrationBuilder.DropTable(
                name: "Proposals",
                schema: "teamcodex");

            migrationBuilder.DropTable(
                name: "ReviewRounds",
                schema: "teamcodex");
        }
    }
}
