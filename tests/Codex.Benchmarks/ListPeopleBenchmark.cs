using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Codex.Shared.Persistence;
using Codex.Testing;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Codex.Benchmarks;

/// <summary>
/// One case: a fresh database on one provider, the real Host started on it (migrated, demo seeded),
/// an organisation of N people generated beside the demo one, then "list a department's people"
/// timed two ways on the same database in the same process:
/// <list type="bullet">
/// <item><b>endpoint</b>: GET /api/org/people?unitId={department}&amp;page=1&amp;pageSize=50 as the demo
/// Admin, over real HTTP (Kestrel on a loopback port), body fully read. This includes everything a
/// client waits for: HTTP, authentication, routing, MediatR behaviours, EF Core, JSON.</item>
/// <item><b>raw</b>: <see cref="RawListPeople"/>, the same question in hand-written SQL over ADO.NET.</item>
/// </list>
/// The two are interleaved (alternating which goes first) so that load from anything else on the
/// machine hits both sides alike; each side gets untimed warm-up calls first (JIT, EF's query
/// cache, connection pools, the database's caches).
/// </summary>
internal sealed class ListPeopleBenchmark(BenchmarkOptions options, Action<string> progress)
{
    public const int PageSize = 50;


    public async Task<CaseResult> RunAsync(DatabaseProvider provider, int people, PostgresCluster? cluster, CancellationToken cancellationToken = default)
    {
        var label = $"{Name(provider)} {people:N0}";
        await using var factory = await CodexApplicationFactory.ForAsync(provider, cluster);
        factory.Settings["Logging:LogLevel:Default"] = "Warning";
        factory.Settings["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning";
        factory.Settings["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Warning";
        // No Hangfire workers polling in the background: they would compete for the two cores.
        factory.Settings["Jobs:RunServer"] = "false";
        factory.UseKestrel(0);

        var started = Stopwatch.GetTimestamp();
        using (QuietConsole())
        {
            // Migrates every module and seeds the demo organisation with its accounts (which prints them).
            factory.StartServer();
        }

        using var client = await SignInOverKestrelAsync(factory, DemoLogins.Admin);
        progress($"{label}: host started and Admin signed in ({Stopwatch.GetElapsedTime(started).TotalSeconds:0.0} s)");

        var tables = OrganizationTables.From(factory.Services);
        var organisation = await new OrganisationGenerator(provider, factory.ConnectionString, tables).GenerateAsync(people, cancellationToken: cancellationToken);
        var department = organisation.Departments[0];
        progress($"{label}: generated {organisation.People:N0} people in {organisation.Units:N0} units ({organisation.Elapsed.TotalSeconds:0.00} s); " +
            $"measuring department \"{department.Name}\" ({department.Teams} teams, {department.People:N0} people)");

        var raw = new RawListPeople(provider, factory.ConnectionString, tables);
        var url = $"/api/org/people?unitId={department.Id}&page=1&pageSize={PageSize}";
        var sqlCommands = await CheckBothAgreeAsync(client, url, raw, department, cancellationToken);
        if (options.ShowSql)
        {
            progress($"{label}: SQL of one endpoint request:\n{string.Join("\n--\n", sqlCommands)}\n{label}: raw SQL:\n{raw.Sql}");
        }

        var timings = await InterleavedTiming.MeasureAsync(options, label, progress, EndpointAsync, RawAsync);
        return new CaseResult(provider, organisation, department, sqlCommands.Count, timings.Endpoint, timings.Raw);

        async Task EndpointAsync()
        {
            // ResponseContentRead (the default): returns once the whole body has arrived.
            using var response = await client.GetAsync(url, cancellationToken);
            response.EnsureSuccessStatusCode();
        }

        Task RawAsync() => raw.RunAsync(department.Id, 1, PageSize, cancellationToken);
    }

    public static string Name(DatabaseProvider provider) => provider.ToString().ToLowerInvariant();


    /// <summary>
    /// Before timing anything: both sides must return the same page (same people, same order) and the
    /// same total, which must be the department's size — otherwise the ratio would compare different
    /// work. Returns the SQL the endpoint ran for that one request.
    /// </summary>
    private static async Task<IReadOnlyList<string>> CheckBothAgreeAsync(
        HttpClient client, string url, RawListPeople raw, GeneratedDepartment department, CancellationToken cancellationToken)
    {
        EndpointPage endpoint;
        IReadOnlyList<string> commands;
        using (var recorder = new SqlCommandRecorder())
        {
            endpoint = await client.GetFromJsonAsync<EndpointPage>(url, cancellationToken)
                ?? throw new InvalidOperationException($"GET {url} returned no body.");
            commands = recorder.Commands;
        }

        var floor = await raw.RunAsync(department.Id, 1, PageSize, cancellationToken);
        if (endpoint.TotalCount != department.People || floor.TotalCount != department.People)
        {
            throw new InvalidOperationException(
                $"Totals differ: department has {department.People}, endpoint says {endpoint.TotalCount}, raw SQL says {floor.TotalCount}.");
        }

        if (!endpoint.Items.Select(p => p.Id).SequenceEqual(floor.Items.Select(p => p.Id)) || floor.Items.Count != Math.Min(PageSize, department.People))
        {
            throw new InvalidOperationException("The endpoint and the raw SQL return different pages.");
        }

        return commands;
    }

    /// <summary>
    /// Signs in through the real login form, like <see cref="CodexApplicationFactory.SignInAsync"/>,
    /// but with a plain HttpClient on the Kestrel address: the factory's own clients target
    /// http://localhost (only the in-memory TestServer answers there), and in Kestrel mode they follow
    /// redirects whatever the options say.
    /// </summary>
    internal static async Task<HttpClient> SignInOverKestrelAsync(CodexApplicationFactory factory, string email)
    {
        var address = factory.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        var handler = new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() };
        var client = new HttpClient(handler) { BaseAddress = new Uri(address) };
        using var response = await client.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = DemoLogins.Password,
            ["__RequestVerificationToken"] = await CodexApplicationFactory.AntiforgeryTokenAsync(client, "/Account/Login"),
        }));
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            client.Dispose();
            throw new InvalidOperationException($"Sign-in of {email} failed with {(int)response.StatusCode}.");
        }

        return client;
    }

    internal static IDisposable QuietConsole() => new ConsoleSilencer();

    private sealed record EndpointPage(List<EndpointPerson> Items, int TotalCount);

    private sealed record EndpointPerson(Guid Id);

    /// <summary>Swallows what is written to stdout while it exists (the demo seeder's login notice).</summary>
    private sealed class ConsoleSilencer : IDisposable
    {
        private readonly TextWriter _original = Console.Out;

        public ConsoleSilencer() => Console.SetOut(TextWriter.Null);

        public void Dispose() => Console.SetOut(_original);
    }
}
