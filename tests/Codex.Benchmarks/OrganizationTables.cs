using Codex.Modules.Organization.Domain;
using Codex.Modules.Organization.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Codex.Benchmarks;

/// <summary>
/// The Organization module's tables, delimited and schema-qualified exactly as the running host maps
/// them: <c>"organization_People"</c> on SQLite (no schemas there), <c>"organization"."People"</c>
/// on PostgreSQL. Read from the module's EF model so raw SQL follows any future renaming.
/// </summary>
internal sealed record OrganizationTables(string OrgUnits, string People, string Memberships)
{
    public static OrganizationTables From(IServiceProvider hostServices)
    {
        using var scope = hostServices.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<OrganizationDbContext>();
        var sql = db.GetService<ISqlGenerationHelper>();
        return new OrganizationTables(Name(typeof(OrgUnit)), Name(typeof(Person)), Name(typeof(Membership)));

        string Name(Type entity)
        {
            var type = db.Model.FindEntityType(entity) ?? throw new InvalidOperationException($"{entity.Name} is not mapped.");
            return sql.DelimitIdentifier(type.GetTableName()!, type.GetSchema());
        }
    }
}
