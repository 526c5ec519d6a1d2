using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Codex.IntegrationTests.Infrastructure;

namespace Codex.IntegrationTests.TeamCodex;

public sealed record SectionDto(Guid Id, string Title, string Markdown, bool IsBinding);

public sealed record PermissionsDto(bool IsMember, bool IsLead, bool IsAdmin);

public sealed record DraftDto(Guid CodexId, string UnitName, bool IsTeam, int Revision, IReadOnlyList<SectionDto> Sections, PermissionsDto Permissions);

public sealed record VersionViewDto(int Number, IReadOnlyList<SectionDto> Sections, string ChangeSummary, string RoundOutcome);

public sealed record CodexDto(
    Guid UnitId, Guid? CodexId, VersionViewDto? InForce, int DraftRevision, int ReviewCadenceMonths, DateOnly? NextReviewOn,
    Guid? OpenRoundId, int OpenProposals, int? MyAcknowledgedVersion, bool NeedsMyAcknowledgement, PermissionsDto Permissions);

public sealed record SettingsDto(int ReviewCadenceMonths, int ResponseReminderDaysBeforeClose, int AcknowledgeReminderAfterDays, int? QuorumPercent, DateOnly? NextReviewOn, int ExpectedVersion);

public sealed record ResponseDto(Guid PersonId, string Kind, string Reason);

public sealed record RoundDto(
    Guid Id, Guid? ProposalId, int ProposalRevision, DateOnly ClosesOn, DateTimeOffset? ClosedAt, string? Outcome, string? OutcomeStatement,
    int ParticipantCount, IReadOnlyDictionary<string, int> Tally, bool HasUnresolvedObjection, IReadOnlyList<ResponseDto>? Responses, bool IAmParticipant);

public sealed record ProposalDto(Guid Id, string Title, string Status, int Revision, int? BasedOnVersion, IReadOnlyList<SectionDto> Sections);

public sealed record DiffPieceDto(string Kind, string Text);

public sealed record SectionDiffDto(string Change, string Title, IReadOnlyList<DiffPieceDto> TitlePieces, IReadOnlyList<DiffPieceDto> BodyPieces);

public sealed record ComparisonDto(int From, int To, IReadOnlyList<SectionDiffDto> Sections);

public sealed record AcknowledgementStatusDto(int? VersionInForce, int Confirmed);

/// <summary>A unit made for one test: its lead and one member, both signed in, and who else is in it.</summary>
public sealed record CodexUnit(Guid UnitId, HttpClient Lead, Guid LeadId, HttpClient Member, Guid MemberId);

/// <summary>The TeamCodex JSON API as the tests use it; helpers assert the status they expect.</summary>
public static class CodexApiClient
{
    public static string Url(Guid unitId, string path = "") => $"/api/codex/units/{unitId}{path}";

    public static async Task CreateCodexAsync(this HttpClient client, Guid unitId) =>
        await (await client.PostAsync(Url(unitId), null)).AssertStatusAsync(HttpStatusCode.Created);

    public static Task<DraftDto> DraftAsync(this HttpClient client, Guid unitId) => client.GetOkAsync<DraftDto>(Url(unitId, "/draft"));

    public static Task<CodexDto> CodexAsync(this HttpClient client, Guid unitId) => client.GetOkAsync<CodexDto>(Url(unitId));

    public static Task<RoundDto> RoundAsync(this HttpClient client, Guid roundId) => client.GetOkAsync<RoundDto>($"/api/codex/rounds/{roundId}");

    public static Task<HttpResponseMessage> PutDraftAsync(this HttpClient client, Guid unitId, int basedOnRevision, IEnumerable<SectionDto> sections) =>
        client.PutAsJsonAsync(Url(unitId, "/draft"), new { basedOnRevision, sections });

    /// <summary>The draft with the first section's text replaced, as an editor would save it.</summary>
    public static IReadOnlyList<SectionDto> WithFirstText(this DraftDto draft, string markdown) =>
        [draft.Sections[0] with { Markdown = markdown }, .. draft.Sections.Skip(1)];

    /// <summary>Loads the draft, changes the first section and saves it; returns the new revision.</summary>
    public static async Task<int> EditDraftAsync(this HttpClient client, Guid unitId, string markdown)
    {
        var draft = await client.DraftAsync(unitId);
        var response = await client.PutDraftAsync(unitId, draft.Revision, draft.WithFirstText(markdown));
        await response.AssertStatusAsync(HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("revision").GetInt32();
    }

    public static async Task<Guid> ProposeAsync(this HttpClient client, Guid unitId, string title = "Übergaben schriftlich")
    {
        var response = await client.PostAsJsonAsync(Url(unitId, "/proposals"), new { title, rationale = "Mündliche Übergaben gehen verloren." });
        await response.AssertStatusAsync(HttpStatusCode.Created);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("proposalId").GetGuid();
    }

    public static Task<HttpResponseMessage> PostOpenRoundAsync(this HttpClient client, Guid unitId, Guid? proposalId, DateOnly closesOn) =>
        client.PostAsJsonAsync(Url(unitId, "/rounds"), new { proposalId, closesOn });

    public static async Task<Guid> OpenRoundAsync(this HttpClient client, Guid unitId, Guid? proposalId, int days = 14)
    {
        var response = await client.PostOpenRoundAsync(unitId, proposalId, DateOnly.FromDateTime(DateTime.UtcNow).AddDays(days));
        await response.AssertStatusAsync(HttpStatusCode.Created);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("roundId").GetGuid();
    }

    public static Task<HttpResponseMessage> PostResponseAsync(this HttpClient client, Guid roundId, string kind, string? reason = null) =>
        client.PostAsJsonAsync($"/api/codex/rounds/{roundId}/responses", new { kind, reason });

    public static async Task RespondAsync(this HttpClient client, Guid roundId, string kind, string? reason = null) =>
        await (await client.PostResponseAsync(roundId, kind, reason)).AssertStatusAsync(HttpStatusCode.NoContent);

    public static Task<HttpResponseMessage> PostPublishAsync(this HttpClient client, Guid proposalId, string changeSummary = "Übergaben schriftlich.") =>
        client.PostAsJsonAsync($"/api/codex/proposals/{proposalId}/publish", new { changeSummary });

    public static async Task<int> PublishAsync(this HttpClient client, Guid proposalId)
    {
        var response = await client.PostPublishAsync(proposalId);
        await response.AssertStatusAsync(HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt32();
    }

    /// <summary>The whole way to a new version: edit, propose, open a round, both consent, publish.</summary>
    public static async Task<int> PublishNewVersionAsync(this CodexUnit unit, string firstSectionText)
    {
        await unit.Member.EditDraftAsync(unit.UnitId, firstSectionText);
        var proposal = await unit.Member.ProposeAsync(unit.UnitId);
        var round = await unit.Lead.OpenRoundAsync(unit.UnitId, proposal);
        await unit.Member.RespondAsync(round, "Consent");
        await unit.Lead.RespondAsync(round, "Consent");
        return await unit.Lead.PublishAsync(proposal);
    }

    public static async Task ChangeSettingsAsync(this HttpClient client, Guid unitId, Func<SettingsDto, SettingsDto> change)
    {
        var current = await client.GetOkAsync<SettingsDto>(Url(unitId, "/settings"));
        var next = change(current);
        var response = await client.PutAsJsonAsync(Url(unitId, "/settings"), new
        {
            next.ReviewCadenceMonths, next.ResponseReminderDaysBeforeClose, next.AcknowledgeReminderAfterDays, next.QuorumPercent, next.NextReviewOn,
            version = next.ExpectedVersion,
        });
        await response.AssertStatusAsync(HttpStatusCode.NoContent);
    }
}
