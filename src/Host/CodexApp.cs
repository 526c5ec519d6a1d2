using System.Globalization;
using System.Text.Json.Serialization;
using System.Threading.RateLimiting;
using Codex.Host.Identity;
using Codex.Host.Identity.TwoFactor;
using Codex.Host.Import;
using Codex.Host.Jobs;
using Codex.Host.Web;
using Codex.Modules.Learning;
using Codex.Modules.Notifications;
using Codex.Modules.Organization;
using Codex.Modules.Skills;
using Codex.Modules.TeamCodex;
using Codex.Shared;
using Codex.Shared.Errors;
using Codex.Shared.Jobs;
using Codex.Shared.Modules;
using Codex.Shared.Persistence;
using Codex.Shared.Time;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Codex.Host;

/// <summary>The composition root: every module, the mechanics and the web pipeline.</summary>
public static class CodexApp
{
    public static readonly CultureInfo[] Cultures = [new("de-DE"), new("en-GB")];

    /// <summary>Every module, in the order their services are registered and their endpoints mapped.</summary>
    public static readonly IReadOnlyList<ICodexModule> Modules =
        [new OrganizationModule(), new TeamCodexModule(), new SkillsModule(), new LearningModule(), new NotificationsModule()];

    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = ContentRoot(args) });
        var database = DatabaseOptions.FromConfiguration(builder.Configuration, builder.Environment.ContentRootPath);
        if (database.Provider == DatabaseProvider.Sqlite)
        {
            ModuleMigrations.PrepareSqliteFile(database.ConnectionString);
        }

        var catalog = new ModuleCatalog();
        var services = builder.Services;
        services.AddSingleton(database);
        var setup = new ModuleSetup(database, builder.Configuration, catalog);
        foreach (var module in Modules)
        {
            module.AddServices(services, setup);
        }

        // The Host's own use cases (accounts, invitations, passwords; the people import, which spans
        // Organization and Skills) are scanned like a module's: handlers, validators, texts.
        catalog.Add(new ModuleInfo("Host", typeof(CodexApp).Assembly, null, typeof(SharedTexts)));
        services.AddCodexShared(catalog);

        services.AddCodexIdentity(database, builder.Configuration);
        services.AddCodexJobs(database, builder.Configuration);
        services.AddScoped<DemoSeeder>();
        services.AddRecurringCommand(Audit.PurgeExpiredAuditTrailCommand.JobName, "40 3 * * *", () => new Audit.PurgeExpiredAuditTrailCommand());

        services.AddLocalization(o => o.ResourcesPath = "Resources");
        services.Configure<RequestLocalizationOptions>(o =>
        {
            o.DefaultRequestCulture = new RequestCulture(Cultures[0]);
            o.SupportedCultures = Cultures;
            o.SupportedUICultures = Cultures;
            // German first: the language is the user's explicit choice (cookie), not the browser's guess.
            o.RequestCultureProviders = [new QueryStringRequestCultureProvider(), new CookieRequestCultureProvider()];
        });

        services.AddRazorPages(o => o.Conventions.AllowAnonymousToFolder("/Account"))
            .AddViewLocalization()
            // No client-side validation script is shipped: the data-val-* attributes it would read
            // only carried untranslated English messages into the markup.
            .AddViewOptions(o => o.HtmlHelperOptions.ClientValidationEnabled = false)
            .AddMvcOptions(o =>
            {
                o.ModelBinderProviders.Insert(0, new Codex.Shared.Web.CheckboxModelBinderProvider());
                o.Filters.Add(new Codex.Shared.Web.PostWithoutHandlerFilter());
            });
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        services.AddProblemDetails();
        services.Configure<JsonOptions>(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddCodexApiDescription();
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: ["ready"]);
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = (context, ct) => Codex.Host.Web.AttemptsLimited.AnswerAsync(context.HttpContext, 60, ct);
            // Only submitted forms count (sign-in, activation, reset): reading a page is no attempt.
            var permitted = builder.Configuration.GetValue("Security:SignInAttemptsPerMinute", 20);
            o.AddPolicy("login", http => HttpMethods.IsPost(http.Request.Method)
                ? RateLimitPartition.GetFixedWindowLimiter(
                    http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = permitted, Window = TimeSpan.FromMinutes(1) })
                : RateLimitPartition.GetNoLimiter("read"));
        });

        // Without a known HTTPS port the redirection would silently do nothing: 443 unless told otherwise.
        services.AddHttpsRedirection(o => o.HttpsPort = builder.Configuration.GetValue<int?>("Security:HttpsPort")
            ?? builder.Configuration.GetValue<int?>("HTTPS_PORT") ?? 443);

        services.AddReverseProxySupport(builder.Configuration);
        // No "Server: Kestrel" header: it tells an attacker only what to try first.
        builder.WebHost.ConfigureKestrel(o => o.AddServerHeader = false);

        var app = builder.Build();
        OrganisationTime.Configure(app.Configuration);
        ValidatorOptions.Global.DisplayNameResolver = FieldNames.Resolver(app.Services);

        if (ReverseProxy.IsConfigured(app.Configuration))
        {
            // Before everything that looks at the scheme, host or client address.
            app.UseForwardedHeaders();
        }

        // The language first, so that the error pages re-executed below speak it too.
        app.UseRequestLocalization();
        app.UseErrorContract();
        app.UseSecurityHeaders();
        if (app.Configuration.GetValue("Security:HttpsOnly", false))
        {
            app.UseHsts();
            // Every plain-HTTP request goes to HTTPS (the secure-only antiforgery cookie would otherwise
            // turn the login page into a 500); load balancers still probe the health checks over HTTP.
            app.UseWhen(c => !c.Request.Path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase), https => https.UseHttpsRedirection());
        }

        app.UseStaticFiles();
        app.UseRouting();
        app.UseRateLimiter();
        app.UseAuthentication();
        // A session that could not be checked because the database is down: 503, not anonymous.
        app.Use(AccountSessionValidator.AnswerOutageAsync);
        app.UseCrossSiteProtection();
        app.UseAuthorization();
        app.UseTwoFactorRequirement(app.Services.GetRequiredService<TwoFactorSettings>());
        // Minimal API endpoints that bind forms (POST /culture) validate the antiforgery token here.
        app.UseAntiforgery();

        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") }).AllowAnonymous();
        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapApiReference();
        app.MapPost("/culture", SetCulture).AllowAnonymous()
            .WithName("setCulture")
            .WithSummary("Set the interface language");

        var api = app.MapGroup("/api");
        foreach (var module in Modules)
        {
            module.MapEndpoints(api);
        }

        api.MapAccounts();
        Privacy.MyDataEndpoints.Map(api);
        Audit.GetAuditTrailEndpoint.Map(api);
        Audit.ExportAuditTrailEndpoint.Map(api);
        PeopleImportEndpoints.Map(api);

        app.MapRazorPages();
        app.MapJobsDashboard();
        return app;
    }

    /// <summary>Applies migrations of every module and Identity; seeds the demo when `Demo:Seed` is true.</summary>
    public static async Task MigrateAsync(this WebApplication app, bool? seedDemo)
    {
        await app.Services.MigrateModulesAsync();
        using (var scope = app.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<CodexIdentityDbContext>().Database.MigrateAsync();
        }

        await app.Services.EnsureAccountRolesAsync();

        // Demo data and its accounts with the README password only when asked for (the README's run
        // command and appsettings.Development.json): never by default, on no provider.
        if (seedDemo ?? app.Configuration.GetValue("Demo:Seed", false))
        {
            using var scope = app.Services.CreateScope();
            await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(CancellationToken.None);
        }

        if (seedDemo is null)
        {
            app.ScheduleRecurringCommands();
        }
    }

    /// <summary>
    /// The application's own folder (appsettings.json, wwwroot), not the current one: the published
    /// host then works from any working directory and as a service. A content root given
    /// explicitly (`--contentRoot`, as the test host does, or ASPNETCORE_CONTENTROOT) still wins.
    /// </summary>
    private static string? ContentRoot(string[] args) =>
        args.Any(a => a.TrimStart('-', '/').StartsWith("contentRoot", StringComparison.OrdinalIgnoreCase))
        || Environment.GetEnvironmentVariable("ASPNETCORE_CONTENTROOT") is not null
        || Environment.GetEnvironmentVariable("DOTNET_CONTENTROOT") is not null
            ? null
            : AppContext.BaseDirectory;

    /// <summary>"/path", but not "//host" or "/\\host" (browsers read both as another site) and no control characters.</summary>
    private static bool IsLocalPath(string? url) =>
        url is { Length: > 0 and <= 2000 } && url[0] == '/'
        && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'))
        && !url.Any(char.IsControl);

    private static IResult SetCulture(HttpContext context, [Microsoft.AspNetCore.Mvc.FromForm] string culture, [Microsoft.AspNetCore.Mvc.FromForm] string? returnUrl)
    {
        if (Cultures.Any(c => c.Name == culture))
        {
            context.Response.Cookies.Append(
                CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), HttpOnly = true, SameSite = SameSiteMode.Lax, IsEssential = true });
        }

        // Only local return addresses: no open redirect, and nothing LocalRedirect would refuse with a 500.
        return Results.LocalRedirect(IsLocalPath(returnUrl) ? returnUrl! : "/");
    }
}
