using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Codex.Modules.TeamCodex.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "teamcodex_Acknowledgements",
                columns: table => new
                {
                    CodexId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    VersionNumber = table.Column<int>(type: "INTEGER", nullable: false),
                    AcknowledgedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_teamcodex_Acknowledgements", x => new { x.CodexId, x.PersonId, x.VersionNumber });
                });

            migrationBuilder.CreateTable(
                name: "teamcodex_Codices",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrgUnitId = table.Column<Guid>(type: "TEXT", nullable: false),
                    IsTeam = table.Column<bool>(type: "INTEGER", nullable: false),
                    Draft = table.Column<string>(type: "TEXT", nullable: false),
                    DraftRevision = table.Column<int>(type: "INTEGER", nullable: false),
                    VersionInForce = table.Column<int>(type: "INTEGER", nullable: true),
                    ReviewCadenceMonths = table.Column<int>(type: "INTEGER", nullable: false),
                    NextReviewOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    OpenRoundId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ResponseReminderDaysBeforeClose = table.Column<int>(type: "INTEGER", nullable: false),
                    AcknowledgeReminderAfterDays = table.Column<int>(type: "INTEGER", nullable: false),
                    QuorumPercent = table.Column<int>(type: "INTEGER", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_teamcodex_Codices", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "teamcodex_DraftRevisions",
                columns: table => new
                {
                    CodexId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    Sections = table.Column<string>(type: "TEXT", nullable: false),
                    AuthorId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SavedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_teamcodex_DraftRevisions", x => new { x.CodexId, x.Number });
                });

            migrationBuilder.CreateTable(
                name: "teamcodex_InboxMessages",
                columns: table => new
                {
                    MessageId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Handler = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    ProcessedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_teamcodex_InboxMessages", x => new { x.MessageId, x.Handler });
                });

            migrationBuilder.CreateTable(
                name: "teamcodex_OutboxMessages",
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
                    table.PrimaryKey("PK_teamcodex_OutboxMessages", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "teamcodex_Proposals",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CodexId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Rationale = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Sections = table.Column<string>(type: "TEXT", nullable: false),
                    BasedOnVersion = table.Column<int>(type: "INTEGER", nullable: true),
                    Revision = table.Column<int>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    AuthorId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    PublishedAsVersion = table.Column<int>(type: "INTEGER", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_teamcodex_Proposals", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "teamcodex_ReviewRounds",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CodexId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProposalId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ProposalRevision = table.Column<int>(type: "INTEGER", nullable: false),
                    ClosesOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    QuorumPercent = table.Column<int>(type: "INTEGER", nullable: true),
                    OpenedBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    OpenedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ClosedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 30, nullable: true),
                    OutcomeStatement = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_teamcodex_ReviewRounds", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "teamcodex_UnitMembers",
                columns: table => new
                {
                    OrgUnitId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    IsLead = table.Column<bool>(type: "INTEGER", nullable: false),
                    Since = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_teamcodex_UnitMembers", x => new { x.OrgUnitId, x.PersonId });
                });

            migrationBuilder.CreateTable(
                name: "teamcodex_Versions",
                columns: table => new
                {
                    CodexId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    Sections = table.Column<string>(type: "TEXT", nullable: false),
                    ChangeSummary = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    PublishedBy = table.Column<Guid>(type: "TEXT", nullable: false),
                    PublishedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RoundOutcome = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_teamcodex_Versions", x => new { x.CodexId, x.Number });
                });

            migrationBuilder.CreateTable(
                name: "teamcodex_ProposalComments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProposalId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AuthorId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    ProposalRevision = table.Column<int>(type: "INTEGER", nullable: false),
                    WrittenAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_teamcodex_ProposalComments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_teamcodex_ProposalComments_teamcodex_Proposals_ProposalId",
                        column: x => x.ProposalId,
                        principalTable: "teamcodex_Proposals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "teamcodex_RoundParticipants",
                columns: table => new
                {
                    RoundId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_teamcodex_RoundParticipants", x => new { x.RoundId, x.PersonId });
                    table.ForeignKey(
                        name: "FK_teamcodex_RoundParticipants_teamcodex_ReviewRounds_RoundId",
                        column: x => x.RoundId,
                        principalTable: "teamcodex_ReviewRounds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "teamcodex_RoundResponses",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    RoundId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    ProposalRevision = table.Column<int>(type: "INTEGER", nullable: false),
                    Sequence = table.Column<int>(type: "INTEGER", nullable: false),
                    RespondedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_teamcodex_RoundResponses", x => x.Id);
                    table.ForeignKey(
                        name: "FK_teamcodex_RoundResponses_teamcodex_ReviewRounds_RoundId",
                        column: x => x.RoundId,
                        principalTable: "teamcodex_ReviewRounds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_teamcodex_Codices_NextReviewOn",
                table: "teamcodex_Codices",
                column: "NextReviewOn");

            migrationBuilder.CreateIndex(
                name: "IX_teamcodex_Codices_OrgUnitId",
                table: "teamcodex_Codices",
                column: "OrgUnitId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_teamcodex_OutboxMessages_ProcessedAt_OccurredAt",
                table: "teamcodex_OutboxMessages",
                columns: new[] { "ProcessedAt", "OccurredAt" });

            migrationBuilder.CreateIndex(
                name: "IX_teamcodex_ProposalComments_ProposalId",
                table: "teamcodex_ProposalComments",
                column: "ProposalId");

            migrationBuilder.CreateIndex(
                name: "IX_teamcodex_Proposals_CodexId_CreatedAt",
                table: "teamcodex_Proposals",
                columns: new[] { "CodexId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_teamcodex_ReviewRounds_ClosesOn",
                table: "teamcodex_ReviewRounds",
                column: "ClosesOn");

            migrationBuilder.CreateIndex(
                name: "IX_teamcodex_ReviewRounds_CodexId_OpenedAt",
                table: "teamcodex_ReviewRounds",
                columns: new[] { "CodexId", "OpenedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_teamcodex_RoundResponses_RoundId_PersonId",
                table: "teamcodex_RoundResponses",
                columns: new[] { "RoundId", "PersonId" });

            migrationBuilder.CreateIndex(
                name: "IX_teamcodex_UnitMembers_PersonId",
                table: "teamcodex_UnitMembers",
                column: "PersonId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "teamcodex_Acknowledgements");

            migrationBuilder.DropTable(
                name: "teamcodex_Codices");

            migrationBuilder.DropTable(
                name: "teamcodex_DraftRevisions");

            migrationBuilder.DropTable(
                name: "teamcodex_InboxMessages");

            migrationBuilder.DropTable(
                name: "teamcodex_OutboxMessages");

            migrationBuilder.DropTable(
                name: "teamcodex_ProposalComments");

            migrationBuilder.DropTable(
                name: "teamcodex_RoundParticipants");

            migrationBuilder.DropTable(
                name: "teamcodex_RoundResponses");

            migrationBuilder.DropTable(
                name: "teamcodex_UnitMembers");

            migrationBuilder.DropTable(
                name: "teamcodex_Versions");

            migrationBuilder.DropTable(
                name: "teamcodex_Proposals");

            migrationBuilder.DropTable(
                name: "teamcodex_ReviewRounds");
        }
    }
}
