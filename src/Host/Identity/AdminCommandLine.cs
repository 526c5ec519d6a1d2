using System.Security.Claims;
using Codex.Host.Identity.Features.CreateFirstAdmin;
using Codex.Shared.Security;
using FluentValidation;
using MediatR;

namespace Codex.Host.Identity;

/// <summary>
/// `admin create --email … --name …`: the first administrator of an empty Codex. Prints a
/// one-time activation link; refused when an administrator exists.
/// </summary>
internal static class AdminCommandLine
{
    public const string Usage = "usage: admin create --email <address> --name \"<first> <last>\"";

    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        await app.MigrateAsync(seedDemo: false);
        return await RunOnServicesAsync(app.Services, args, Console.Out);
    }

    /// <summary>The command on a started host's services (migrations applied): exit code 0 created, 1 refused, 2 bad input.</summary>
    public static async Task<int> RunOnServicesAsync(IServiceProvider services, string[] args, TextWriter output)
    {
        if (args is not ["create", ..] || Option(args, "--email") is not { } email || Option(args, "--name") is not { } name)
        {
            await output.WriteLineAsync(Usage);
            return 2;
        }

        var (result, errors) = await CreateAsync(services, email, name);
        if (errors is not null)
        {
            await output.WriteLineAsync("error: " + errors);
            return 2;
        }

        if (result!.ActivationPath is null)
        {
            await output.WriteLineAsync(result.PersonId is null
                ? "error: an administrator exists already. Administrators grant admin rights on the accounts page (/admin/accounts)."
                : "error: this person has an account already; an administrator can grant admin rights on the accounts page.");
            return 1;
        }

        var configuration = services.GetRequiredService<IConfiguration>();
        var baseUrl = (configuration["Notifications:BaseUrl"] ?? "http://localhost:5080").TrimEnd('/');
        await output.WriteLineAsync($"""
            Administrator account created for {email}.
            Open this link once to set the password (valid {configuration.GetValue("Accounts:InvitationValidDays", 7)} days):
              {baseUrl}{result.ActivationPath}
            """);
        return 0;
    }

    /// <summary>Runs the command as the operator: someone at the server's console acts with admin rights.</summary>
    public static async Task<(FirstAdminResult? Result, string? Errors)> CreateAsync(IServiceProvider services, string email, string name)
    {
        using var scope = services.CreateScope();
        var accessor = scope.ServiceProvider.GetRequiredService<IHttpContextAccessor>();
        accessor.HttpContext = new DefaultHttpContext
        {
            RequestServices = scope.ServiceProvider,
            User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "operator"), new Claim(ClaimTypes.Role, CodexRoles.Admin)], "operator")),
        };
        try
        {
            return (await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new CreateFirstAdminCommand(email, name)), null);
        }
        catch (ValidationException ex)
        {
            return (null, string.Join(" ", ex.Errors.Select(e => e.ErrorMessage)));
        }
        finally
        {
            accessor.HttpContext = null;
        }
    }

    private static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
