using Codex.Modules.Skills.Features.Privacy;
using Codex.Shared.Security;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Codex.Modules.Skills.Pages.Admin;

/// <summary>The co-determination rules (works council): minimum group size and individual visibility.</summary>
[Authorize(Roles = CodexRoles.Admin)]
public sealed class SkillsPrivacyModel(IMediator mediator, IStringLocalizer<SkillsTexts> texts) : PageModel
{
    [BindProperty]
    public PrivacyForm Data { get; set; } = new();

    public string? Problem { get; private set; }

    public bool Saved { get; private set; }

    /// <summary>After a conflict: the rules as someone else saved them in the meantime.</summary>
    public PrivacySettingsView? Current { get; private set; }

    public async Task OnGetAsync(bool saved, CancellationToken ct)
    {
        Saved = saved;
        var current = await mediator.Send(new GetPrivacySettingsQuery(), ct);
        Data = new PrivacyForm { MinimumGroupSize = current.MinimumGroupSize, IndividualProficiencyVisibleToLeads = current.IndividualProficiencyVisibleToLeads, Version = current.Version };
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var outcome = await this.SendAsync(texts, () => mediator.Send(
            new UpdatePrivacySettingsCommand(Data.MinimumGroupSize, Data.IndividualProficiencyVisibleToLeads, Data.Version), ct));
        Problem = outcome.Problem;
        if (Problem is null)
        {
            return Redirect("/admin/skills-privacy?saved=true");
        }

        if (outcome.Conflict)
        {
            // The input stays; the stored rules are shown beside it and the form moves to their version
            // (the hidden field would otherwise keep the posted, outdated one and refuse every later save).
            Current = await mediator.Send(new GetPrivacySettingsQuery(), ct);
            ModelState.Remove($"{nameof(Data)}.{nameof(PrivacyForm.Version)}");
            Data.Version = Current.Version;
        }

        return Page();
    }

    public sealed class PrivacyForm
    {
        public int MinimumGroupSize { get; set; }

        public bool IndividualProficiencyVisibleToLeads { get; set; }

        public int Version { get; set; }
    }
}
