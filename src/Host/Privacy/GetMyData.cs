using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Codex.Shared.Errors;
using Codex.Shared.Mediation;
using Codex.Shared.Privacy;
using Codex.Shared.Security;
using Codex.Shared.Time;
using MediatR;

namespace Codex.Host.Privacy;

/// <summary>
/// "Meine Daten" (GDPR Art. 15 and 20): everything Codex holds about the signed-in person, collected from every
/// module through <see cref="PersonalDataRequested"/>, in a fixed module order.
/// </summary>
[RequiresSignIn]
public sealed record GetMyDataQuery : IRequest<MyData>;

public sealed record MyData(Guid PersonId, DateTimeOffset GeneratedAt, IReadOnlyList<PersonalDataSection> Sections);

internal sealed class GetMyDataQueryHandler(IMediator mediator, ICurrentUser user, TimeProvider clock) : IRequestHandler<GetMyDataQuery, MyData>
{
    public async Task<MyData> Handle(GetMyDataQuery query, CancellationToken cancellationToken)
    {
        var personId = user.PersonId ?? throw new ForbiddenException();
        var request = new PersonalDataRequested(personId);
        await mediator.Publish(request, cancellationToken);
        var sections = ModuleOrder.Sort(request.Sections, s => s.Module);
        return new MyData(personId, clock.GetUtcNow(), sections);
    }
}

internal static class MyDataEndpoints
{
    /// <summary>Readable in any editor: umlauts stay umlauts, HTML-sensitive characters are still escaped.</summary>
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    /// <summary>"codex-meine-daten-2026-12-02.json", dated on the organisation's clock.</summary>
    public static string FileName(DateTimeOffset at) =>
        $"codex-meine-daten-{OrganisationTime.Today(at).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)}.json";

    public static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/me/data", async (IMediator mediator, CancellationToken ct) =>
        {
            var data = await mediator.Send(new GetMyDataQuery(), ct);
            return Results.File(JsonSerializer.SerializeToUtf8Bytes(data, Json), "application/json", FileName(data.GeneratedAt));
        })
            .WithName("getMyData")
            .WithSummary("Download everything held about you as JSON (GDPR Art. 15 and 20)");
}
