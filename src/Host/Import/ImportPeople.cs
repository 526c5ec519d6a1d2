using Codex.Host.Identity;
using Codex.Host.Identity.Features.InvitePeople;
using Codex.Modules.Organization.Contracts;
using Codex.Modules.Skills.Contracts;
using Codex.Shared.Mediation;
using Codex.Shared.Security;
using Codex.Shared.Tables;
using FluentValidation;
using MediatR;
using Microsoft.Extensions.Localization;

namespace Codex.Host.Import;

/// <summary>"Nur neue hinzufügen" / "Neue hinzufügen und bestehende aktualisieren".</summary>
public enum PeopleImportMode
{
    AddNewOnly,
    AddAndUpdate,
}

/// <summary>
/// Checks a people file (CSV or XLSX, as HR systems export it) completely and says what importing
/// it would do; changes nothing. The import lives in the Host because it spans Organization
/// (people, units, leads) and Skills (job roles), and Organization must not depend on Skills.
/// </summary>
[RequiresRole(CodexRoles.Admin, CodexRoles.HR)]
public sealed record PreviewPeopleImportQuery(string FileName, byte[] Content, PeopleImportMode Mode) : IRequest<PeopleImportPreview>, IPeopleImportFile;

/// <summary>
/// Checks the file again (the organisation may have changed since the preview) and, only when
/// no row has an error, applies it: Organization first (people, memberships, leads, leavers in
/// one transaction), then Skills (the role assignments, in one transaction). Applying the same
/// file again changes nothing, so should the second step fail, running the import again completes it.
/// With <paramref name="InviteNewPeople"/>, everyone the import created is invited to Codex afterwards.
/// </summary>
[RequiresRole(CodexRoles.Admin, CodexRoles.HR)]
public sealed record ImportPeopleCommand(string FileName, byte[] Content, PeopleImportMode Mode, bool InviteNewPeople = false)
    : IRequest<PeopleImportOutcome>, IPeopleImportFile;

public interface IPeopleImportFile
{
    string FileName { get; }

    byte[] Content { get; }

    PeopleImportMode Mode { get; }
}

/// <param name="Column">The column as the file names it, with its letter ("C (E-Mail)"); empty for the file as a whole.</param>
/// <param name="Code">A stable key ("Import.UnknownUnit") for clients; <paramref name="Message"/> is in the user's language.</param>
public sealed record PeopleImportError(int Row, string Column, string Code, string Message, string Value);

/// <summary>One line of the preview's lists: who, and what changes (unit, lead, role, changed fields, from → to).</summary>
public sealed record PeopleImportItem(int Row, string Name, string Email, string Detail);

public sealed record PeopleImportPreview(
    IReadOnlyList<PeopleImportError> Errors,
    int Rows,
    int Creations,
    int Updates,
    int Moves,
    int Leavers,
    int RoleAssignments,
    int Unchanged,
    IReadOnlyList<PeopleImportItem> Created,
    IReadOnlyList<PeopleImportItem> Updated,
    IReadOnlyList<PeopleImportItem> Moved,
    IReadOnlyList<PeopleImportItem> Left)
{
    /// <summary>Each list shows at most this many lines; the counts are always complete.</summary>
    public const int ListCap = 200;

    public bool HasErrors => Errors.Count > 0;

    public bool HasChanges => Creations + Updates + Moves + Leavers + RoleAssignments > 0;
}

public sealed record PeopleImportOutcome(
    PeopleImportPreview Preview, bool Applied, PeopleImportApplied? People, int RolesAssigned, InvitationOutcome? Invitations = null);

internal sealed class PeopleImportFileValidator : AbstractValidator<IPeopleImportFile>
{
    public const int MaxBytes = 2 * 1024 * 1024;

    public PeopleImportFileValidator()
    {
        RuleFor(c => c.FileName).NotEmpty().MaximumLength(260)
            .Must(n => n.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) || TableFile.IsXlsx(n));
        RuleFor(c => c.Content).NotNull().Must(c => c.Length is > 0 and <= MaxBytes);
        RuleFor(c => c.Mode).IsInEnum();
    }
}

internal sealed class PreviewPeopleImportQueryValidator : AbstractValidator<PreviewPeopleImportQuery>
{
    public PreviewPeopleImportQueryValidator() => Include(new PeopleImportFileValidator());
}

internal sealed class ImportPeopleCommandValidator : AbstractValidator<ImportPeopleCommand>
{
    public ImportPeopleCommandValidator() => Include(new PeopleImportFileValidator());
}

internal sealed class PreviewPeopleImportQueryHandler(IMediator mediator, IStringLocalizer<SharedTexts> texts)
    : IRequestHandler<PreviewPeopleImportQuery, PeopleImportPreview>
{
    public async Task<PeopleImportPreview> Handle(PreviewPeopleImportQuery query, CancellationToken cancellationToken) =>
        (await new PeopleImportPlanner(mediator, texts).PlanAsync(query, cancellationToken)).Preview;
}

internal sealed class ImportPeopleCommandHandler(IMediator mediator, IStringLocalizer<SharedTexts> texts)
    : IRequestHandler<ImportPeopleCommand, PeopleImportOutcome>
{
    public async Task<PeopleImportOutcome> Handle(ImportPeopleCommand command, CancellationToken cancellationToken)
    {
        var plan = await new PeopleImportPlanner(mediator, texts).PlanAsync(command, cancellationToken);
        if (plan.Preview.HasErrors || !plan.Preview.HasChanges)
        {
            return new PeopleImportOutcome(plan.Preview, false, null, 0);
        }

        var people = plan.People.Count > 0
            ? await mediator.Send(new ApplyPeopleImportCommand(plan.People), cancellationToken)
            : new PeopleImportApplied(0, 0, 0, 0, []);
        var roles = plan.Roles.Count > 0 ? await mediator.Send(new AssignRolesInBulkCommand(plan.Roles), cancellationToken) : 0;
        var invitations = command.InviteNewPeople && people.CreatedPersonIds.Count > 0
            ? await mediator.Send(new InvitePeopleCommand(PersonIds: people.CreatedPersonIds), cancellationToken)
            : null;
        return new PeopleImportOutcome(plan.Preview, true, people, roles, invitations);
    }
}

internal static class PeopleImportEndpoints
{
    /// <summary>
    /// `POST /api/people/import/preview` and `POST /api/people/import`: multipart form with `file`
    /// and `mode` (AddNewOnly | AddAndUpdate). A file with errors is a 400 problem details whose
    /// `rowErrors` list every error by row and column; otherwise 200 with the preview or the outcome.
    /// The form is read by hand, so no antiforgery token is asked for: like every JSON endpoint
    /// here it relies on the SameSite=Lax sign-in cookie, which a cross-site form post does not carry.
    /// </summary>
    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapPost("/people/import/preview", async (HttpRequest request, IMediator mediator, CancellationToken ct) =>
        {
            var (fileName, content, mode) = await ReadAsync(request, ct);
            var preview = await mediator.Send(new PreviewPeopleImportQuery(fileName, content, mode), ct);
            return preview.HasErrors ? ErrorsProblem(preview) : Results.Ok(preview);
        })
            .WithName("previewPeopleImport")
            .WithSummary("Check a people file and show what importing it would change");
        api.MapPost("/people/import", async (HttpRequest request, IMediator mediator, CancellationToken ct) =>
        {
            var (fileName, content, mode) = await ReadAsync(request, ct);
            var invite = bool.TryParse((await request.ReadFormAsync(ct))["invite"].ToString(), out var yes) && yes;
            var outcome = await mediator.Send(new ImportPeopleCommand(fileName, content, mode, invite), ct);
            return outcome.Preview.HasErrors ? ErrorsProblem(outcome.Preview) : Results.Ok(outcome);
        })
            .WithName("importPeople")
            .WithSummary("Import a people file when no row has an error");
    }

    private static async Task<(string FileName, byte[] Content, PeopleImportMode Mode)> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        if (!request.HasFormContentType)
        {
            throw new BadHttpRequestException("Send the file as multipart/form-data (fields: file, mode, optionally invite=true).");
        }

        var form = await request.ReadFormAsync(ct);
        var file = form.Files["file"];
        var mode = Enum.TryParse<PeopleImportMode>(form["mode"].ToString(), ignoreCase: true, out var parsed) && Enum.IsDefined(parsed)
            ? parsed
            : (PeopleImportMode)(-1);
        if (file is null)
        {
            return ("", [], mode);
        }

        using var body = new MemoryStream();
        await file.CopyToAsync(body, ct);
        return (file.FileName, body.ToArray(), mode);
    }

    private static IResult ErrorsProblem(PeopleImportPreview preview) =>
        Results.Problem(
            statusCode: StatusCodes.Status400BadRequest,
            title: "The file has errors; nothing was imported.",
            detail: $"{preview.Errors.Count} errors in {preview.Rows} rows.",
            extensions: new Dictionary<string, object?> { ["rowErrors"] = preview.Errors });
}
