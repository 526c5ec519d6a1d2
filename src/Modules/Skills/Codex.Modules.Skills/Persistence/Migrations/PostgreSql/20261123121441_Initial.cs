using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace Codex.Modules.Skills.Persistence.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "skills");

            migrationBuilder.CreateTable(
                name: "AuditEntries",
                schema: "skills",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ActorPersonId = table.Column<Guid>(type: "uuid", nullable: true),
                    ActorName = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    Area = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Subject = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    OldValue = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    NewValue = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditEntries", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "DigCompCompetences",
                schema: "skills",
                columns: table => new
                {
                    Code = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    Area = table.Column<int>(type: "integer", nullable: false),
                    NameDe = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    NameEn = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DigCompCompetences", x => x.Code);
                });

            migrationBuilder.CreateTable(
                name: "InboxMessages",
                schema: "skills",
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
                name: "Matrices",
                schema: "skills",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Matrices", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "OutboxMessages",
                schema: "skills",
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
                name: "PersonRoles",
                schema: "skills",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PersonRoles", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "PrivacySettings",
                schema: "skills",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    MinimumGroupSize = table.Column<int>(type: "integer", nullable: false),
                    IndividualProficiencyVisibleToLeads = table.Column<bool>(type: "boolean", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PrivacySettings", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ProficiencyChanges",
                schema: "skills",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    ToolId = table.Column<Guid>(type: "uuid", nullable: false),
                    OldLevel = table.Column<int>(type: "integer", nullable: false),
                    NewLevel = table.Column<int>(type: "integer", nullable: false),
                    Source = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ChangedBy = table.Column<Guid>(type: "uuid", nullable: true),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProficiencyChanges", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Roles",
                schema: "skills",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    Description = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Roles", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Tools",
                schema: "skills",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    Category = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    Description = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    GuideUrl = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    Lifecycle = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Tools", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "UnitMembers",
                schema: "skills",
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
                name: "RoleAssignments",
                schema: "skills",
                columns: table => new
                {
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    RoleId = table.Column<Guid>(type: "uuid", nullable: false),
                    AssignedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RoleAssignments", x => new { x.PersonId, x.RoleId });
                    table.ForeignKey(
                        name: "FK_RoleAssignments_PersonRoles_PersonId",
                        column: x => x.PersonId,
                        principalSchema: "skills",
                        principalTable: "PersonRoles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_RoleAssignments_Roles_RoleId",
                        column: x => x.RoleId,
                        principalSchema: "skills",
                        principalTable: "Roles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Proficiencies",
                schema: "skills",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    ToolId = table.Column<Guid>(type: "uuid", nullable: false),
                    Level = table.Column<int>(type: "integer", nullable: false),
                    Source = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ConfirmedByLead = table.Column<bool>(type: "boolean", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Proficiencies", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Proficiencies_Tools_ToolId",
                        column: x => x.ToolId,
                        principalSchema: "skills",
                        principalTable: "Tools",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Requirements",
                schema: "skills",
                columns: table => new
                {
                    RoleId = table.Column<Guid>(type: "uuid", nullable: false),
                    ToolId = table.Column<Guid>(type: "uuid", nullable: false),
                    Level = table.Column<int>(type: "integer", nullable: false),
                    Mandatory = table.Column<bool>(type: "boolean", nullable: false),
                    Rationale = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    MatrixId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Requirements", x => new { x.RoleId, x.ToolId });
                    table.ForeignKey(
                        name: "FK_Requirements_Matrices_MatrixId",
                        column: x => x.MatrixId,
                        principalSchema: "skills",
                        principalTable: "Matrices",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Requirements_Roles_RoleId",
                        column: x => x.RoleId,
                        principalSchema: "skills",
                        principalTable: "Roles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Requirements_Tools_ToolId",
                        column: x => x.ToolId,
                        principalSchema: "skills",
                        principalTable: "Tools",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ToolCompetences",
                schema: "skills",
                columns: table => new
                {
                    ToolId = table.Column<Guid>(type: "uuid", nullable: false),
                    CompetenceCode = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ToolCompetences", x => new { x.ToolId, x.CompetenceCode });
                    table.ForeignKey(
                        name: "FK_ToolCompetences_DigCompCompetences_CompetenceCode",
                        column: x => x.CompetenceCode,
                        principalSchema: "skills",
                        principalTable: "DigCompCompetences",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ToolCompetences_Tools_ToolId",
                        column: x => x.ToolId,
                        principalSchema: "skills",
                        principalTable: "Tools",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.InsertData(
                schema: "skills",
                table: "DigCompCompetences",
                columns: new[] { "Code", "Area", "NameDe", "NameEn" },
                values: new object[,]
                {
                    { "1.1", 1, "Daten, Informationen und digitale Inhalte durchsuchen, suchen und filtern", "Browsing, searching and filtering data, information and digital content" },
                    { "1.2", 1, "Daten, Informationen und digitale Inhalte bewerten", "Evaluating data, information and digital content" },
                    { "1.3", 1, "Daten, Informationen und digitale Inhalte verwalten", "Managing data, information and digital content" },
                    { "2.1", 2, "Mithilfe digitaler Technologien interagieren", "Interacting through digital technologies" },
                    { "2.2", 2, "Mithilfe digitaler Technologien teilen", "Sharing through digital technologies" },
                    { "2.3", 2, "Mithilfe digitaler Technologien am gesellschaftlichen Leben teilhaben", "Engaging in citizenship through digital technologies" },
                    { "2.4", 2, "Mithilfe digitaler Technologien zusammenarbeiten", "Collaborating through digital technologies" },
                    { "2.5", 2, "Netiquette", "Netiquette" },
                    { "2.6", 2, "Die digitale Identität verwalten", "Managing digital identity" },
                    { "3.1", 3, "Digitale Inhalte entwickeln", "Developing digital content" },
                    { "3.2", 3, "Digitale Inhalte integrieren und neu erarbeiten", "Integrating and re-elaborating digital content" },
                    { "3.3", 3, "Urheberrecht und Lizenzen", "Copyright and licences" },
                    { "3.4", 3, "Programmieren", "Programming" },
                    { "4.1", 4, "Geräte schützen", "Protecting devices" },
                    { "4.2", 4, "Personenbezogene Daten und Privatsphäre schützen", "Protecting personal data and privacy" },
                    { "4.3", 4, "Gesundheit und Wohlbefinden schützen", "Protecting health and well-being" },
                    { "4.4", 4, "Die Umwelt schützen", "Protecting the environment" },
                    { "5.1", 5, "Technische Probleme lösen", "Solving technical problems" },
                    { "5.2", 5, "Bedürfnisse und technologische Antworten darauf erkennen", "Identifying needs and technological responses" },
                    { "5.3", 5, "Digitale Technologien kreativ nutzen", "Creatively using digital technologies" },
                    { "5.4", 5, "Digitale Kompetenzlücken erkennen", "Identifying digital competence gaps" }
                });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_At",
                schema: "skills",
                table: "AuditEntries",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_OutboxMessages_ProcessedAt_OccurredAt",
                schema: "skills",
                table: "OutboxMessages",
                columns: new[] { "ProcessedAt", "OccurredAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Proficiencies_PersonId_ToolId",
                schema: "skills",
                table: "Proficiencies",
                columns: new[] { "PersonId", "ToolId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Proficiencies_ToolId",
                schema: "skills",
                table: "Proficiencies",
                column: "ToolId");

            migrationBuilder.CreateIndex(
                name: "IX_ProficiencyChanges_PersonId_ToolId_At",
                schema: "skills",
                table: "ProficiencyChanges",
                columns: new[] { "PersonId", "ToolId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_Requirements_MatrixId",
                schema: "skills",
                table: "Requirements",
                column: "MatrixId");

            migrationBuilder.CreateIndex(
                name: "IX_Requirements_ToolId",
                schema: "skills",
                table: "Requirements",
                column: "ToolId");

            migrationBuilder.CreateIndex(
                name: "IX_RoleAssignments_RoleId",
                schema: "skills",
                table: "RoleAssignments",
                column: "RoleId");

            migrationBuilder.CreateIndex(
                name: "IX_Roles_Name",
                schema: "skills",
                table: "Roles",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ToolCompetences_CompetenceCode",
                schema: "skills",
                table: "ToolCompetences",
                column: "CompetenceCode");

            migrationBuilder.CreateIndex(
                name: "IX_Tools_Name",
                schema: "skills",
                table: "Tools",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_UnitMembers_PersonId",
                schema: "skills",
                table: "UnitMembers",
                column: "PersonId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AuditEntries",
                schema: "skills");

            migrationBuilder.DropTable(
                name: "InboxMessages",
                schema: "skills");

            migrationBuilder.DropTable(
                name: "OutboxMessages",
                schema: "skills");

            migrationBuilder.DropTable(
                name: "PrivacySettings",
                schema: "skills");

            migrationBuilder.DropTable(
                name: "Proficiencies",
                schema: "skills");

            migrationBuilder.DropTable(
                name: "ProficiencyChanges",
                schema: "skills");

            migrationBuilder.DropTable(
                name: "Requirements",
                schema: "skills");

            migrationBuilder.DropTable(
                name: "RoleAssignments",
                schema: "skills");

            migrationBuilder.DropTable(
                name: "ToolCompetences",
                schema: "skills");

            migrationBuilder.DropTable(
                name: "UnitMembers",
                schema: "skills");

            migrationBuilder.DropTable(
                name: "Matrices",
                schema: "skills");

            migrationBuilder.DropTable(
                name: "PersonRoles",
                schema: "skills");

            migrationBuilder.DropTable(
                name: "Roles",
                schema: "skills");

            migrationBuilder.DropTable(
                name: "DigCompCompetences",
                schema: "skills");

            migrationBuilder.DropTable(
                name: "Tools",
                schema: "skills");
        }
    }
}
