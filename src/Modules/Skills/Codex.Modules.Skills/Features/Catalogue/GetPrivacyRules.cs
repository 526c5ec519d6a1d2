using Codex.Modules.Skills.Contracts;
using Codex.Modules.Skills.Features.Common;
using MediatR;

namespace Codex.Modules.Skills.Features.Catalogue;

internal sealed class GetPrivacyRulesQueryHandler(SkillsAccess access) : IRequestHandler<GetPrivacyRulesQuery, PrivacyRules>
{
    public Task<PrivacyRules> Handle(GetPrivacyRulesQuery request, CancellationToken cancellationToken) => access.RulesAsync(cancellationToken);
}
