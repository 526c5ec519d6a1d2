using Codex.Modules.Learning.Features.Dashboard;
using Codex.Shared.Security;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Codex.Modules.Learning.Pages.Learning;

[Authorize(Roles = $"{CodexRoles.Admin},{CodexRoles.HR}")]
public sealed class DashboardModel(IMediator mediator) : PageModel
{
    public LearningDashboard? Dashboard { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => Dashboard = await mediator.Send(new GetLearningDashboardQuery(), ct);
}
