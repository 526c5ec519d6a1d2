using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace Codex.Host.Web;

/// <summary>
/// `/openapi/v1.json` as a product document: one tag per module, the sign-in cookie as the security
/// scheme, and on every operation the problem-details answers it can give. Each endpoint names its
/// own operationId and summary (`.WithName`, `.WithSummary`) next to its mapping; a test checks
/// that none is missing and that the document passes the Redocly linter.
/// </summary>
internal static class ApiDescription
{
    public const string ReferencePath = "/api-reference";
    private const string CookieScheme = "cookie";
    private const string ProblemSchema = "ProblemDetails";

    /// <summary>First path segment under /api → tag and its description.</summary>
    private static readonly (string Segment, string Tag, string Description)[] Modules =
    [
        ("org", "Organisation", "Units, people, memberships and team leads; the people import."),
        ("people", "Organisation", "Units, people, memberships and team leads; the people import."),
        ("codex", "Team codex", "Each unit's codex: drafts, change proposals, consent rounds, published versions and acknowledgements."),
        ("skills", "Skills", "Tool catalogue, roles and their required levels, assignments, self-assessments and the gap heatmap."),
        ("learning", "Learning", "Learning paths, enrolments, progress, sign-offs and the learning dashboard."),
        ("notifications", "Notifications", "Mail preferences, the mail queue and test mails."),
        ("accounts", "Accounts", "Sign-in accounts, invitations, password resets and two-factor settings."),
        ("me", "Personal data", "What Codex holds about the signed-in person (GDPR Art. 15)."),
        ("audit", "Audit trail", "Who changed what, for admins and the data protection officer."),
    ];

    private static readonly (string Status, string Description)[] Problems =
    [
        ("400", "The request is invalid; `errors` names each field."),
        ("401", "Not signed in."),
        ("403", "Signed in, but the role or unit does not allow this."),
        ("404", "Nothing with this id exists (or it is not visible to the caller)."),
        ("409", "Someone else changed it meanwhile, or the current state does not allow it."),
    ];

    public static IServiceCollection AddCodexApiDescription(this IServiceCollection services) =>
        services.AddOpenApi(o =>
        {
            o.AddDocumentTransformer(DescribeDocumentAsync);
            o.AddOperationTransformer(DescribeOperationAsync);
        });

    /// <summary>The interactive reference (Scalar, its script served from the package): for admins only.</summary>
    public static void MapApiReference(this WebApplication app) =>
        app.MapScalarApiReference(ReferencePath, o => o
                .WithTitle("Codex API")
                .WithOpenApiRoutePattern("/openapi/{documentName}.json")
                .DisableDefaultFonts())
            .RequireAuthorization(new AuthorizeAttribute { Roles = Codex.Shared.Security.CodexRoles.Admin })
            .ExcludeFromDescription();

    private static Task DescribeDocumentAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info = new OpenApiInfo
        {
            Title = "Codex API",
            Version = "v1",
            Description = "The JSON API behind Codex's pages. Every call is made as a signed-in person with that "
                + "person's rights (sign in on `/Account/Login`; the session cookie authenticates). Writes from "
                + "another site are refused. Errors are RFC 9457 problem details.",
            Contact = new OpenApiContact { Name = "Codex" },
        };

        // Relative to wherever this installation is reached (behind a proxy, the public address).
        document.Servers = [new OpenApiServer { Url = "/", Description = "This Codex installation" }];

        var cookie = context.ApplicationServices.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>()
            .Get(IdentityConstants.ApplicationScheme).Cookie.Name ?? "Codex.Auth";
        document.AddComponent<IOpenApiSecurityScheme>(CookieScheme, new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Cookie,
            Name = cookie,
            Description = "The session cookie set by signing in.",
        });
        document.AddComponent<IOpenApiSchema>(ProblemSchema, new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "RFC 9457 problem details.",
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["type"] = new OpenApiSchema { Type = JsonSchemaType.String },
                ["title"] = new OpenApiSchema { Type = JsonSchemaType.String },
                ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32" },
                ["detail"] = new OpenApiSchema { Type = JsonSchemaType.String },
                ["instance"] = new OpenApiSchema { Type = JsonSchemaType.String },
                ["errors"] = new OpenApiSchema
                {
                    Type = JsonSchemaType.Object,
                    Description = "Validation messages by field (400 only).",
                    AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String } },
                },
            },
        });
        foreach (var (status, description) in Problems)
        {
            document.AddComponent<IOpenApiResponse>(ResponseName(status), new OpenApiResponse
            {
                Description = description,
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    ["application/problem+json"] = new() { Schema = new OpenApiSchemaReference(ProblemSchema, document) },
                },
            });
        }

        document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(CookieScheme, document)] = [] }];
        document.Tags = new HashSet<OpenApiTag>(
            Modules.DistinctBy(m => m.Tag).Select(m => new OpenApiTag { Name = m.Tag, Description = m.Description })
                .Append(new OpenApiTag { Name = "Settings", Description = "The interface language." }));
        return Task.CompletedTask;
    }

    private static Task DescribeOperationAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var description = context.Description;
        var path = "/" + (description.RelativePath ?? "");
        var segment = path.StartsWith("/api/", StringComparison.Ordinal) ? path.Split('/')[2] : "";
        var tag = Modules.FirstOrDefault(m => m.Segment == segment).Tag ?? "Settings";
        operation.Tags = new HashSet<OpenApiTagReference> { new(tag, context.Document) };

        var anonymous = description.ActionDescriptor.EndpointMetadata.OfType<IAllowAnonymous>().Any();
        if (anonymous)
        {
            // Explicitly open: no cookie needed (the culture switch, a password reset request).
            operation.Security = [];
        }

        var method = description.HttpMethod ?? "GET";
        var hasInput = description.ParameterDescriptions.Count > 0;
        var identifiesSomething = description.ParameterDescriptions.Any(p => p.Source.Id == "Path");
        var writes = !HttpMethods.IsGet(method) && !HttpMethods.IsHead(method);
        operation.Responses ??= [];
        foreach (var (status, _) in Problems)
        {
            var applies = status switch
            {
                "400" => hasInput,
                "401" or "403" => !anonymous,
                "404" => identifiesSomething,
                _ => writes && !anonymous,
            };
            if (applies && !operation.Responses.ContainsKey(status))
            {
                operation.Responses[status] = new OpenApiResponseReference(ResponseName(status), context.Document);
            }
        }

        return Task.CompletedTask;
    }

    private static string ResponseName(string status) => "Problem" + status.ToString(CultureInfo.InvariantCulture);
}
