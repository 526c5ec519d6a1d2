using System.Reflection;
using Codex.Shared.Modules;
using Codex.Shared.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using NetArchTest.Rules;

namespace Codex.ArchitectureTests;

/// <summary>The boundaries of ARCHITECTURE.md, checked on the compiled assemblies.</summary>
public sealed class ModuleBoundaryTests
{
    private static readonly string[] ModuleNames = ["Organization", "TeamCodex", "Skills", "Learning", "Notifications"];

    public static TheoryData<string> Modules => new(ModuleNames);

    private static Assembly Implementation(string module) => Assembly.Load($"Codex.Modules.{module}");

    private static Assembly Contracts(string module) => Assembly.Load($"Codex.Modules.{module}.Contracts");

    [Theory]
    [MemberData(nameof(Modules))]
    public void A_module_references_other_modules_only_through_their_contracts(string module)
    {
        var forbidden = ModuleNames.Where(other => other != module).Select(other => $"Codex.Modules.{other}").ToHashSet();
        var references = Implementation(module).GetReferencedAssemblies().Select(a => a.Name!).ToList();

        Assert.DoesNotContain(references, forbidden.Contains);
        Assert.DoesNotContain("Codex.Host", references);
    }

    [Theory]
    [MemberData(nameof(Modules))]
    public void Contracts_depend_on_nothing_but_MediatR_and_the_shared_markers(string module)
    {
        var allowed = new[] { "MediatR", "Codex.Shared.Contracts", "System.Runtime", "netstandard", "System.Collections" };
        var references = Contracts(module).GetReferencedAssemblies().Select(a => a.Name!);

        Assert.All(references, name => Assert.Contains(name, allowed));
    }

    [Theory]
    [MemberData(nameof(Modules))]
    public void Contracts_hold_only_public_sealed_records_and_enums(string module)
    {
        var offenders = Contracts(module).GetTypes()
            .Where(t => !t.IsNested && !t.Name.StartsWith('<'))
            .Where(t => !(t.IsEnum || (t.IsPublic && t.IsSealed && t.GetMethod("<Clone>$") is not null)))
            .Select(t => t.FullName);

        Assert.Empty(offenders);
    }

    [Theory]
    [MemberData(nameof(Modules))]
    public void Domain_types_do_not_depend_on_frameworks(string module)
    {
        var result = Types.InAssembly(Implementation(module))
            .That().ResideInNamespaceContaining(".Domain")
            .ShouldNot().HaveDependencyOnAny("Microsoft.EntityFrameworkCore", "Microsoft.AspNetCore", "Hangfire", "MediatR")
            .GetResult();

        Assert.True(result.IsSuccessful, "Framework types in Domain: " + string.Join(", ", result.FailingTypeNames ?? []));
    }

    [Fact]
    public void The_shared_domain_kernel_does_not_depend_on_frameworks()
    {
        var result = Types.InAssembly(typeof(Codex.Shared.Domain.AggregateRoot).Assembly)
            .That().ResideInNamespace("Codex.Shared.Domain")
            .ShouldNot().HaveDependencyOnAny("Microsoft.EntityFrameworkCore", "Microsoft.AspNetCore", "Hangfire", "MediatR")
            .GetResult();

        Assert.True(result.IsSuccessful);
    }

    [Theory]
    [MemberData(nameof(Modules))]
    public void Request_handlers_and_validators_stay_inside_their_module(string module)
    {
        var result = Types.InAssembly(Implementation(module))
            .That().HaveNameEndingWith("Handler", StringComparison.Ordinal).Or().HaveNameEndingWith("Validator", StringComparison.Ordinal)
            .ShouldNot().BePublic()
            .GetResult();

        Assert.True(result.IsSuccessful, "Public handlers/validators: " + string.Join(", ", result.FailingTypeNames ?? []));
    }

    [Fact]
    public void Only_the_host_references_module_implementations()
    {
        var shared = new[] { typeof(ModuleDbContext).Assembly, typeof(Codex.Shared.Contracts.IIntegrationEvent).Assembly };
        var contracts = ModuleNames.Select(Contracts);
        foreach (var assembly in shared.Concat(contracts))
        {
            var references = assembly.GetReferencedAssemblies().Select(a => a.Name!);
            Assert.DoesNotContain(references, name => ModuleNames.Any(m => name == $"Codex.Modules.{m}") || name == "Codex.Host");
        }
    }

    [Fact]
    public void Skills_does_not_depend_on_Learning_learning_follows_skill_requirements()
    {
        var skills = new[] { Implementation("Skills"), Contracts("Skills") };

        Assert.All(skills, assembly => Assert.DoesNotContain(
            assembly.GetReferencedAssemblies().Select(a => a.Name!),
            name => name.StartsWith("Codex.Modules.Learning", StringComparison.Ordinal)));
    }

    [Theory]
    [MemberData(nameof(Modules))]
    public void Each_module_joins_the_host_through_exactly_one_public_module_class(string module)
    {
        var implementations = Implementation(module).GetTypes()
            .Where(t => typeof(ICodexModule).IsAssignableFrom(t) && !t.IsInterface && !t.IsAbstract)
            .ToList();

        var single = Assert.Single(implementations);
        Assert.True(single.IsPublic && single.IsSealed, $"{single.FullName} should be public and sealed");
    }

    [Fact]
    public void The_host_registers_every_module_once_in_the_documented_order()
    {
        var registered = Codex.Host.CodexApp.Modules.Select(m => m.GetType().Assembly.GetName().Name).ToList();

        Assert.Equal(ModuleNames.Select(m => $"Codex.Modules.{m}"), registered);
    }

    [Theory]
    [MemberData(nameof(Modules))]
    public void Each_module_database_maps_only_its_own_schema_and_entities(string module)
    {
        var assembly = Implementation(module);
        foreach (var context in DesignTimeContexts(assembly, "PostgreSql"))
        {
            var schemas = context.Model.GetEntityTypes().Select(e => e.GetSchema()).Distinct().ToList();
            Assert.Single(schemas);
            Assert.Equal(module.ToLowerInvariant(), schemas[0]);

            var foreignTypes = context.Model.GetEntityTypes()
                .Select(e => e.ClrType.Assembly)
                .Where(a => a != assembly && a != typeof(ModuleDbContext).Assembly);
            Assert.Empty(foreignTypes);
        }
    }

    /// <summary>DbContexts built by the module's design-time factories for one provider (no server needed).</summary>
    internal static IEnumerable<DbContext> DesignTimeContexts(Assembly assembly, string provider) =>
        assembly.GetTypes()
            .Where(t => !t.IsAbstract && t.Name.Contains(provider, StringComparison.Ordinal) && t.GetInterfaces()
                .Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IDesignTimeDbContextFactory<>)))
            .Select(t => (DbContext)t.GetMethod("CreateDbContext")!.Invoke(Activator.CreateInstance(t, nonPublic: true), [Array.Empty<string>()])!);
}
