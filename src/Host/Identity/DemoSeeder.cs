using Codex.Modules.Learning.Contracts;
using Codex.Modules.Organization.Contracts;
using Codex.Modules.TeamCodex.Contracts;
using Codex.Modules.Skills.Contracts;
using Codex.Shared.Security;
using MediatR;
using Microsoft.AspNetCore.Identity;

namespace Codex.Host.Identity;

/// <summary>Seeds the demo organisation and its four demo accounts on an empty database.</summary>
internal sealed class DemoSeeder(
    IMediator mediator,
    UserManager<CodexAccount> users,
    RoleManager<IdentityRole<Guid>> roles,
    IConfiguration configuration,
    ILogger<DemoSeeder> logger)
{
    public const string DefaultPassword = "Codex-Demo-2026";

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        foreach (var role in CodexRoles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole<Guid>(role) { Id = Guid.NewGuid() });
            }
        }

        var seeded = await mediator.Send(new SeedDemoOrganizationCommand(), cancellationToken);
        // Also on a demo database seeded before these modules existed; each seeds only once.
        await mediator.Send(new SeedDemoSkillsCommand(), cancellationToken);
        await mediator.Send(new SeedDemoCodexCommand(), cancellationToken);
        // After Skills: the paths target its tools and are assigned to its roles.
        await mediator.Send(new SeedDemoLearningCommand(), cancellationToken);
        // Demo:Accounts=false seeds the organisation without its four demo logins: the first day of
        // a real organisation with people and teams imported, and nobody able to sign in yet.
        if (seeded is null || !configuration.GetValue("Demo:Accounts", true))
        {
            return;
        }

        var password = configuration["Demo:Password"] is { Length: > 0 } configured ? configured : DefaultPassword;
        await CreateAccountAsync(seeded.Admin, password, CodexRoles.Admin, CodexRoles.Member);
        await CreateAccountAsync(seeded.HumanResources, password, CodexRoles.HR, CodexRoles.Member);
        await CreateAccountAsync(seeded.TeamLead, password, CodexRoles.Member); // a lead by the org chart (lead of Pflegeteam Nord), not by an account role
        await CreateAccountAsync(seeded.Member, password, CodexRoles.Member);

        // Printed on purpose: this is how a newcomer learns how to sign in to the demo.
        Console.WriteLine($"""

            Codex demo organisation "Sozialwerk Rheinaue e.V." created. Demo logins (password: {password}):
              Admin       {seeded.Admin.Email}
              HR          {seeded.HumanResources.Email}
              Teamleitung {seeded.TeamLead.Email}
              Mitglied    {seeded.Member.Email}

            """);
        logger.LogInformation("Demo organisation seeded");
    }

    private async Task CreateAccountAsync(DemoPerson person, string password, params string[] accountRoles)
    {
        var account = new CodexAccount
        {
            Id = Guid.NewGuid(),
            UserName = person.Email,
            Email = person.Email,
            EmailConfirmed = true,
            PersonId = person.PersonId,
            DisplayName = person.DisplayName,
            // Demo accounts are ready to use: no invitation link to follow first.
            CreatedAt = DateTimeOffset.UtcNow,
            ActivatedAt = DateTimeOffset.UtcNow,
        };
        var result = await users.CreateAsync(account, password);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("Demo account could not be created: " + string.Join("; ", result.Errors.Select(e => e.Description)));
        }

        await users.AddToRolesAsync(account, accountRoles);
    }
}
