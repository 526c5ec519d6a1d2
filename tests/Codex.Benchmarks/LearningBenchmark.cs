using System.Diagnostics;
using Codex.Modules.Learning.Domain;
using Codex.Modules.Learning.Features.Enrolments;
using Codex.Modules.Learning.Features.Reminders;
using Codex.Modules.Learning.Persistence;
using Codex.Shared.Persistence;
using Codex.Testing;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Codex.Benchmarks;

/// <summary>
/// Learning at scale, in the real Host: enrolling every holder when a path is assigned to a role
/// with N holders (the INSERT … SELECT the assign command runs, then the same again, which must
/// enrol nobody), and the daily reminder job over M enrolments (first run sends the due and
/// overdue reminders through Notifications; the second run finds nothing new to send).
/// </summary>
internal static class LearningBenchmark
{
    public static async Task RunAsync(DatabaseProvider provider, PostgresCluster? cluster, int holders, int enrolments, Action<string> log)
    {
        await using var factory = provider == DatabaseProvider.Sqlite
            ? CodexApplicationFactory.ForSqlite()
            : await CodexApplicationFactory.ForPostgreSqlAsync(cluster!);
        factory.Settings["Jobs:RunServer"] = "false";
        factory.Settings["Demo:Seed"] = "false";
        factory.Settings["Logging:LogLevel:Default"] = "Warning";
        _ = factory.Services;
        var name = provider == DatabaseProvider.Sqlite ? "sqlite" : "postgresql";

        var role = Guid.NewGuid();
        var otherRole = Guid.NewGuid();
        var path = await SetUpAsync(factory, role, holders, otherRole, Math.Max(0, enrolments - holders));

        var now = DateTimeOffset.UtcNow;
        var enrol = Stopwatch.StartNew();
        var enrolled = await WithEnrollerAsync(factory, e => e.EnrolRoleHoldersAsync(path, role, now, now.AddDays(60), default));
        enrol.Stop();
        var again = Stopwatch.StartNew();
        var twice = await WithEnrollerAsync(factory, e => e.EnrolRoleHoldersAsync(path, role, now, now.AddDays(60), default));
        again.Stop();
        await WithEnrollerAsync(factory, e => e.EnrolRoleHoldersAsync(path, otherRole, now, now.AddDays(60), default));

        // A realistic day: 2 % due within the reminder window, 1 % overdue, the rest later.
        var total = await SpreadDueDatesAsync(factory, now);
        var firstRun = Stopwatch.StartNew();
        await SendAsync(factory, new SendLearningRemindersCommand());
        firstRun.Stop();
        var mails = await MailCountAsync(factory);
        var secondRun = Stopwatch.StartNew();
        await SendAsync(factory, new SendLearningRemindersCommand());
        secondRun.Stop();
        var mailsAfter = await MailCountAsync(factory);

        log($"learning/{name}: enrolled {enrolled:N0} of {holders:N0} holders in {enrol.ElapsedMilliseconds:N0} ms; assigning again enrolled {twice:N0} in {again.ElapsedMilliseconds:N0} ms");
        log($"learning/{name}: reminder job over {total:N0} enrolments: {firstRun.ElapsedMilliseconds:N0} ms sending {mails:N0} reminders; " +
            $"second run {secondRun.ElapsedMilliseconds:N0} ms sending {mailsAfter - mails:N0}");
        Console.WriteLine($"| {name,-10} | {holders,9:N0} | {enrol.ElapsedMilliseconds,11:N0} | {again.ElapsedMilliseconds,14:N0} | {total,11:N0} | {firstRun.ElapsedMilliseconds,13:N0} | {mails,5:N0} | {secondRun.ElapsedMilliseconds,14:N0} |");
    }

    public static void PrintHeader()
    {
        Console.WriteLine("| provider   |   holders | enrol ms    | again ms       | enrolments  | reminders ms  | mails | 2nd run ms     |");
        Console.WriteLine("|------------|----------:|------------:|---------------:|------------:|--------------:|------:|---------------:|");
    }

    private static async Task<Guid> SetUpAsync(CodexApplicationFactory factory, Guid role, int holders, Guid otherRole, int others)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LearningDbContext>();
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var path = LearningPath.Create(Guid.NewGuid(), "Datenschutz-Auffrischung", "", false, 24, DateTimeOffset.UtcNow);
        path.AddStep(Guid.NewGuid(), new StepDetails("Merkblatt lesen", StepKind.Reading, 15, null, null, null, null, null, false));
        path.AddStep(Guid.NewGuid(), new StepDetails("E-Learning", StepKind.ELearning, 30, null, null, null, null, null, false));
        path.AssignToRole(role, "Pflegefachkraft", 60, DateTimeOffset.UtcNow);
        path.AssignToRole(otherRole, "Pflegehilfskraft", 60, DateTimeOffset.UtcNow);
        db.Paths.Add(path);
        foreach (var batch in Enumerable.Range(0, holders).Select(_ => new RoleHolder(role, Guid.NewGuid()))
                     .Concat(Enumerable.Range(0, others).Select(_ => new RoleHolder(otherRole, Guid.NewGuid()))).Chunk(5_000))
        {
            db.RoleHolders.AddRange(batch);
            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
        }

        return path.Id;
    }

    private static async Task<int> SpreadDueDatesAsync(CodexApplicationFactory factory, DateTimeOffset now)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LearningDbContext>();
        var ids = await db.Enrolments.OrderBy(e => e.Id).Select(e => e.Id).ToListAsync();
        var soon = ids.Take(ids.Count / 50).ToList();
        var overdue = ids.Skip(ids.Count / 50).Take(ids.Count / 100).ToList();
        await db.Enrolments.Where(e => soon.Contains(e.Id)).ExecuteUpdateAsync(s => s.SetProperty(e => e.DueOn, now.AddDays(3)));
        await db.Enrolments.Where(e => overdue.Contains(e.Id)).ExecuteUpdateAsync(s => s.SetProperty(e => e.DueOn, now.AddDays(-3)));
        return ids.Count;
    }

    private static async Task<int> MailCountAsync(CodexApplicationFactory factory)
    {
        using var scope = factory.Services.CreateScope();
        var catalog = scope.ServiceProvider.GetRequiredService<ModuleCatalog>();
        var db = (ModuleDbContext)scope.ServiceProvider.GetRequiredService(catalog.Modules.Single(m => m.Name == "Notifications").DbContextType!);
        return await db.Set<Codex.Modules.Notifications.Domain.EmailMessage>().CountAsync(m => m.TemplateKey.StartsWith("learning."));
    }

    private static async Task<int> WithEnrollerAsync(CodexApplicationFactory factory, Func<Enroller, Task<int>> work)
    {
        using var scope = factory.Services.CreateScope();
        return await work(scope.ServiceProvider.GetRequiredService<Enroller>());
    }

    private static async Task SendAsync(CodexApplicationFactory factory, IRequest<Unit> request)
    {
        using var scope = factory.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<IMediator>().Send(request);
    }
}
