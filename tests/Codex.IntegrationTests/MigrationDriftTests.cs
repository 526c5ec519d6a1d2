using System.Reflection;
using Codex.Host;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Codex.IntegrationTests;

/// <summary>
/// Every module's model (and Identity's) matches its last migration, for every provider. Built from
/// the design-time factories `dotnet ef` uses, so no database server is needed. A model change
/// without `build/add-migration.sh` fails here.
/// </summary>
public sealed class MigrationDriftTests
{
    /// <summary>The Host and every Codex assembly it references: that is where the DbContexts live.</summary>
    private static readonly IReadOnlyList<Assembly> CodexAssemblies =
    [
        typeof(CodexApp).Assembly,
        .. typeof(CodexApp).Assembly.GetReferencedAssemblies()
            .Where(a => a.Name!.StartsWith("Codex.", StringComparison.Ordinal))
            .Select(Assembly.Load),
    ];

    private static readonly IReadOnlyList<Type> Factories = CodexAssemblies
        .SelectMany(a => a.GetTypes())
        .Where(t => !t.IsAbstract && t.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IDesignTimeDbContextFactory<>)))
        .OrderBy(t => t.FullName, StringComparer.Ordinal)
        .ToList();

    public static TheoryData<string> FactoryNames() => new(Factories.Select(f => f.Name));

    [Theory]
    [MemberData(nameof(FactoryNames))]
    public void The_model_has_no_changes_missing_from_the_migrations(string factoryName)
    {
        using var db = Create(Factories.Single(f => f.Name == factoryName));

        Assert.NotEmpty(db.Database.GetMigrations());
        Assert.False(db.Database.HasPendingModelChanges(),
            $"{db.GetType().Name} ({db.Database.ProviderName}) has model changes without a migration: run build/add-migration.sh.");
    }

    [Fact]
    public void Every_module_context_has_a_design_time_factory_for_each_provider()
    {
        var contexts = Factories.Select(Create).ToList();
        try
        {
            var concreteContexts = CodexAssemblies.SelectMany(a => a.GetTypes())
                .Where(t => typeof(DbContext).IsAssignableFrom(t) && !t.IsAbstract)
                .Order(TypeNames.Instance);
            Assert.Equal(concreteContexts, contexts.Select(c => c.GetType()).Order(TypeNames.Instance));

            var byModule = contexts.GroupBy(c => c.GetType().BaseType!.Name).ToDictionary(g => g.Key, g => g.Select(c => c.Database.ProviderName).Order().ToList());
            Assert.Superset(new HashSet<string> { "OrganizationDbContext", "TeamCodexDbContext", "CodexIdentityDbContext" }, byModule.Keys.ToHashSet());
            Assert.All(byModule, module => Assert.Equal(
                ["Microsoft.EntityFrameworkCore.Sqlite", "Microsoft.EntityFrameworkCore.SqlServer", "Npgsql.EntityFrameworkCore.PostgreSQL"],
                module.Value));
        }
        finally
        {
            contexts.ForEach(c => c.Dispose());
        }
    }

    private static DbContext Create(Type factoryType)
    {
        var factory = Activator.CreateInstance(factoryType, nonPublic: true)!;
        var create = factoryType.GetMethod(nameof(IDesignTimeDbContextFactory<DbContext>.CreateDbContext))!;
        return (DbContext)create.Invoke(factory, [Array.Empty<string>()])!;
    }

    private sealed class TypeNames : IComparer<Type>
    {
        public static readonly TypeNames Instance = new();

        public int Compare(Type? x, Type? y) => string.CompareOrdinal(x?.FullName, y?.FullName);
    }
}
