using Codex.Modules.TeamCodex.Features.Proposals;
using Codex.Modules.TeamCodex.Features.Rounds;
using Codex.Modules.TeamCodex.Features.Versions;
using Codex.Modules.TeamCodex.Rendering;
using Codex.Shared.Time;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Codex.Modules.TeamCodex.Pages.Codex;

public sealed class ProposalModel(IMediator mediator, IStringLocalizer<TeamCodexTexts> texts, TimeProvider clock) : CodexPage(mediator, texts)
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    [BindProperty]
    public string? Text { get; set; }

    [BindProperty]
    public DateOnly? ClosesOn { get; set; }

    public ProposalView Proposal { get; private set; } = null!;

    /// <summary>The proposal against the version in force, word by word.</summary>
    public IReadOnlyList<SectionDiff> Changes { get; private set; } = [];

    public DateOnly DefaultClosesOn => OrganisationTime.Today(clock.GetUtcNow()).AddDays(14);

    /// <summary>The form whose post failed: it shows the text the user entered again, the others their usual content.</summary>
    public string? FailedForm { get; private set; }

    /// <summary>Each earlier revision against the one that replaced it, word by word (newest first).</summary>
    public IReadOnlyList<(EarlierRevisionView Revision, IReadOnlyList<SectionDiff> Changes)> History { get; private set; } = [];

    public Task<IActionResult> OnGetAsync(CancellationToken ct) => ShowAsync(ct);

    public Task<IActionResult> OnPostCommentAsync(CancellationToken ct) =>
        RunAsync("Comment", new CommentOnProposalCommand(Id, Text ?? ""), Texts["Proposal.Commented"], ct);

    public Task<IActionResult> OnPostAmendAsync(CancellationToken ct) =>
        RunAsync("Amend", new AmendProposalCommand(Id, Text ?? ""), Texts["Proposal.Amended"], ct);

    public Task<IActionResult> OnPostWithdrawAsync(CancellationToken ct) =>
        RunAsync("Withdraw", new WithdrawProposalCommand(Id), Texts["Proposal.Withdrawn"], ct);

    public async Task<IActionResult> OnPostOpenRoundAsync(Guid unitId, CancellationToken ct)
    {
        FailedForm = "OpenRound";
        var (ok, roundId) = await TrySendAsync(new OpenRoundCommand(unitId, Id, ClosesOn ?? default), ct);
        if (ok)
        {
            TempData["Message"] = Texts["Round.Opened"].Value;
            return Redirect($"/codex/rounds/{roundId}");
        }

        return await ShowAsync(ct);
    }

    public async Task<IActionResult> OnPostPublishAsync(Guid unitId, CancellationToken ct)
    {
        FailedForm = "Publish";
        var (ok, number) = await TrySendAsync(new PublishProposalCommand(Id, Text ?? ""), ct);
        if (ok)
        {
            TempData["Message"] = Texts["Proposal.Published", number].Value;
            return Redirect($"/codex/{unitId}");
        }

        return await ShowAsync(ct);
    }

    private async Task<IActionResult> RunAsync<T>(string form, IRequest<T> request, string success, CancellationToken ct)
    {
        FailedForm = form;
        if (await TryAsync(request, success, ct))
        {
            return Redirect($"/codex/proposals/{Id}");
        }

        if (form is "Amend" or "Withdraw" && Problem == Texts["Common.Forbidden"])
        {
            Problem = Texts["Proposal.NotAuthor"];
        }

        return await ShowAsync(ct);
    }

    /// <summary>What the user typed into <paramref name="form"/> if its post failed, else <paramref name="usual"/>.</summary>
    public string? TextFor(string form, string? usual) => FailedForm == form ? Text : usual;

    private async Task<IActionResult> ShowAsync(CancellationToken ct)
    {
        var failed = await LoadAsync(async () => Proposal = await Mediator.Send(new GetProposalQuery(Id), ct));
        if (failed is not null)
        {
            return failed;
        }

        Changes = WordDiff.CompareSections(Proposal.InForceSections, Proposal.Sections);
        var texts = Proposal.EarlierRevisions.Select(r => r.Sections).Append(Proposal.Sections).ToList();
        History = Proposal.EarlierRevisions
            .Select((r, i) => (r, WordDiff.CompareSections(r.Sections, texts[i + 1])))
            .Reverse()
            .ToList();
        TakeMessage();
        return Page();
    }
}
