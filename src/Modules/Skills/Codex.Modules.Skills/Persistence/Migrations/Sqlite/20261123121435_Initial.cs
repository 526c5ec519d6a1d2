using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace Codex.Modules.Skills.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "skills_AuditEntries",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    ActorPersonId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ActorName = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    Area = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    OldValue = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    NewValue = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_skills_AuditEntries", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "skills_DigCompCompetences",
                columns: table => new
                {
                    Code = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    Area = table.Column<int>(type: "INTEGER", nullable: false),
                    NameDe = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    NameEn = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_skills_DigCompCompetences", x => x.Code);
                });

            migrationBuilder.CreateTable(
                name: "skills_InboxMessages",
                columns: table => new
                {
                    MessageId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Handler = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    ProcessedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_skills_InboxMessages", x => new { x.MessageId, x.Handler });
                });

            migrationBuilder.CreateTable(
                name: "skills_Matrices",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_skills_Matrices", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "skills_OutboxMessages",
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
                    table.PrimaryKey("PK_skills_OutboxMessages", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "skills_PersonRoles",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_skills_PersonRoles", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "skills_PrivacySettings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    MinimumGroupSize = table.Column<int>(type: "INTEGER", nullable: false),
                    IndividualProficiencyVisibleToLeads = table.Column<bool>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_skills_PrivacySettings", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "skills_ProficiencyChanges",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ToolId = table.Column<Guid>(type: "TEXT", nullable: false),
                    OldLevel = table.Column<int>(type: "INTEGER", nullable: false),
                    NewLevel = table.Column<int>(type: "INTEGER", nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    ChangedBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    At = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_skills_ProficiencyChanges", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "skills_Roles",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_skills_Roles", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "skills_Tools",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    Category = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    GuideUrl = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    Lifecycle = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_skills_Tools", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "skills_UnitMembers",
                columns: table => new
                {
                    UnitId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    IsLead = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_skills_UnitMembers", x => new { x.UnitId, x.PersonId });
                });

            migrationBuilder.CreateTable(
                name: "skills_RoleAssignments",
                columns: table => new
                {
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RoleId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AssignedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_skills_RoleAssignments", x => new { x.PersonId, x.RoleId });
                    table.ForeignKey(
                        name: "FK_skills_RoleAssignments_skills_PersonRoles_PersonId",
                        column: x => x.PersonId,
                        principalTable: "skills_PersonRoles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_skills_RoleAssignments_skills_Roles_RoleId",
                        column: x => x.RoleId,
                        principalTable: "skills_Roles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "skills_Proficiencies",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ToolId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Level = table.Column<int>(type: "INTEGER", nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    ConfirmedByLead = table.Column<bool>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_skills_Proficiencies", x => x.Id);
                    table.ForeignKey(
                        name: "FK_skills_Proficiencies_skills_Tools_ToolId",
                        column: x => x.ToolId,
                        principalTable: "skills_Tools",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "skills_Requirements",
                columns: table => new
                {
                    RoleId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ToolId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Level = table.Column<int>(type: "INTEGER", nullable: false),
                    Mandatory = table.Column<bool>(type: "INTEGER", nullable: false),
                    Rationale = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    MatrixId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_skills_Requirements", x => new { x.RoleId, x.ToolId });
                    table.ForeignKey(
                        name: "FK_skills_Requirements_skills_Matrices_MatrixId",
                        column: x => x.MatrixId,
                        principalTable: "skills_Matrices",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_skills_Requirements_skills_Roles_RoleId",
                        column: x => x.RoleId,
                        principalTable: "skills_Roles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_skills_Requirements_skills_Tools_ToolId",
                        column: x => x.ToolId,
                        principalTable: "skills_Tools",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "skills_ToolCompetences",
                columns: table => new
                {
                    ToolId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CompetenceCode = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_skills_ToolCompetences", x => new { x.ToolId, x.CompetenceCode });
                    table.ForeignKey(
                        name: "FK_skills_ToolCompetences_skills_DigCompCompetences_CompetenceCode",
                        column: x => x.CompetenceCode,
                        principalTable: "skills_DigCompCompetences",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_skills_ToolCompetences_skills_Tools_ToolId",
                        column: x => x.ToolId,
                        principalTable: "skills_Tools",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.InsertData(
                table: "skills_DigCompCompetences",
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
                name: "IX_skills_AuditEntries_At",
                table: "skills_AuditEntries",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_skills_OutboxMessages_ProcessedAt_OccurredAt",
                table: "skills_OutboxMessages",
                columns: new[] { "ProcessedAt", "OccurredAt" });

            migrationBuilder.CreateIndex(
                name: "IX_skills_Proficiencies_PersonId_ToolId",
                table: "skills_Proficiencies",
                columns: new[] { "PersonId", "ToolId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_skills_Proficiencies_ToolId",
                table: "skills_Proficiencies",
                column: "ToolId");

            migrationBuilder.CreateIndex(
                name: "IX_skills_ProficiencyChanges_PersonId_ToolId_At",
                table: "skills_ProficiencyChanges",
                columns: new[] { "PersonId", "ToolId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_skills_Requirements_MatrixId",
                table: "skills_Requirements",
                column: "MatrixId");

            migrationBuilder.CreateIndex(
                name: "IX_skills_Requirements_ToolId",
                table: "skills_Requirements",
                column: "ToolId");

            migrationBuilder.CreateIndex(
                name: "IX_skills_RoleAssignments_RoleId",
                table: "skills_RoleAssignments",
                column: "RoleId");

            migrationBuilder.CreateIndex(
                name: "IX_skills_Roles_Name",
                table: "skills_Roles",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_skills_ToolCompetences_CompetenceCode",
                table: "skills_ToolCompetences",
                column: "CompetenceCode");

            migrationBuilder.CreateIndex(
                name: "IX_skills_Tools_Name",
                table: "skills_Tools",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_skills_UnitMembers_PersonId",
                table: "skills_UnitMembers",
                column: "PersonId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "skills_AuditEntries");

            migrationBuilder.DropTable(
                name: "skills_InboxMessages");

            migrationBuilder.DropTable(
                name: "skills_OutboxMessages");

            migrationBuilder.DropTable(
                name: "skills_PrivacySettings");

            migrationBuilder.DropTable(
                name: "skills_Proficiencies");

            migrationBuilder.DropTable(
                name: "skills_ProficiencyChanges");

            migrationBuilder.DropTable(
                name: "skills_Requirements");

            migrationBuilder.DropTable(
                name: "skills_RoleAssignments");

            migrationBuilder.DropTable(
                name: "skills_ToolCompetences");

            migrationBuilder.DropTable(
                name: "skills_UnitMembers");

            migrationBuilder.DropTable(
                name: "skills_Matrices");

            migrationBuilder.DropTable(
                name: "skills_PersonRoles");

            migrationBuilder.DropTable(
                name: "skills_Roles");

            migrationBuilder.DropTable(
                name: "skills_DigCompCompetences");

            migrationBuilder.DropTable(
                name: "skills_Tools");
        }
    }
}
