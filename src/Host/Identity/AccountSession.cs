using System.Security.Claims;
using Microsoft.EntityFrameworkCore;

namespace Codex.Host.Identity;

/// <summary>
/// One sign-in on one device, kept on the server: the cookie only carries its id. A session ends
/// when its person signs out, when it is ended from the sessions page or by an administrator, when
/// the account's password changes or the account is deactivated, and at the latest at its
/// absolute expiry, however active it is. Least data: a short device description, no IP address.
/// </summary>
public sealed class AccountSession
{
    /// <summary>Last seen is written at most this often, not on every request.</summary>
    public static readonly TimeSpan LastSeenPrecision = TimeSpan.FromMinutes(5);

    public const int DeviceMaxLength = 60;

    private AccountSession()
    {
    }

    public Guid Id { get; private set; }

    public Guid AccountId { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset LastSeenAt { get; private set; }

    /// <summary>The absolute end: no activity extends a session beyond it.</summary>
    public DateTimeOffset ExpiresAt { get; private set; }

    public DateTimeOffset? EndedAt { get; private set; }

    /// <summary>Browser and system, e.g. "Firefox · Windows"; empty when the browser did not say.</summary>
    public string Device { get; private set; } = "";

    public static AccountSession Start(Guid accountId, DateTimeOffset now, TimeSpan absoluteLifetime, string? userAgent) => new()
    {
        Id = Guid.NewGuid(),
        AccountId = accountId,
        CreatedAt = now,
        LastSeenAt = now,
        ExpiresAt = now + absoluteLifetime,
        Device = DeviceDescription.From(userAgent),
    };

    public bool IsActiveAt(DateTimeOffset now) => EndedAt is null && now < ExpiresAt;

    public static bool IsActive(DateTimeOffset? endedAt, DateTimeOffset expiresAt, DateTimeOffset now) => endedAt is null && now < expiresAt;

    public static bool LastSeenIsStale(DateTimeOffset lastSeenAt, DateTimeOffset now) => now - lastSeenAt >= LastSeenPrecision;

    public void End(DateTimeOffset now) => EndedAt ??= now;
}

/// <summary>A short, coarse description of a browser from its User-Agent (no version, no details).</summary>
public static class DeviceDescription
{
    public static string From(string? userAgent)
    {
        if (string.IsNullOrWhiteSpace(userAgent))
        {
            return "";
        }

        var ua = userAgent;
        string? browser = ua.Contains("Edg/", StringComparison.Ordinal) ? "Edge"
            : ua.Contains("OPR/", StringComparison.Ordinal) ? "Opera"
            : ua.Contains("Firefox/", StringComparison.Ordinal) ? "Firefox"
            : ua.Contains("Chrome/", StringComparison.Ordinal) || ua.Contains("Chromium/", StringComparison.Ordinal) ? "Chrome"
            : ua.Contains("Safari/", StringComparison.Ordinal) ? "Safari"
            : null;
        string? system = ua.Contains("Android", StringComparison.Ordinal) ? "Android"
            : ua.Contains("iPhone", StringComparison.Ordinal) || ua.Contains("iPad", StringComparison.Ordinal) ? "iOS"
            : ua.Contains("Windows", StringComparison.Ordinal) ? "Windows"
            : ua.Contains("Mac OS X", StringComparison.Ordinal) ? "macOS"
            : ua.Contains("CrOS", StringComparison.Ordinal) ? "ChromeOS"
            : ua.Contains("Linux", StringComparison.Ordinal) ? "Linux"
            : null;
        var text = (browser, system) switch
        {
            (null, null) => "",
            (null, _) => system!,
            (_, null) => browser!,
            _ => $"{browser} · {system}",
        };
        return text.Length > AccountSession.DeviceMaxLength ? text[..AccountSession.DeviceMaxLength] : text;
    }
}

/// <summary>
/// Starts and ends server-side sessions. The one place that ends every session of an account
/// (<see cref="EndAllAsync"/>): password change and reset, deactivation, an administrator's
/// "sign out everywhere", a reset of two-factor sign-in.
/// </summary>
public sealed class AccountSessions(CodexIdentityDbContext db, TimeProvider clock, IConfiguration configuration)
{
    public const string SessionClaim = "codex:session";

    public TimeSpan AbsoluteLifetime =>
        TimeSpan.FromHours(Math.Clamp(configuration.GetValue("Security:Session:AbsoluteHours", 12.0), 0.0001, 24 * 90));

    public static Guid? IdOf(ClaimsPrincipal? principal) =>
        Guid.TryParse(principal?.FindFirstValue(SessionClaim), out var id) ? id : null;

    /// <summary>A new session for a sign-in (password, two-factor, single sign-on alike); saved at once.</summary>
    public async Task<AccountSession> StartAsync(Guid accountId, string? userAgent, CancellationToken ct = default)
    {
        var session = AccountSession.Start(accountId, clock.GetUtcNow(), AbsoluteLifetime, userAgent);
        db.Sessions.Add(session);
        await db.SaveChangesAsync(ct);
        return session;
    }

    /// <summary>Ends one session of the account; false when it is not one of its open sessions.</summary>
    public async Task<bool> EndAsync(Guid accountId, Guid sessionId, CancellationToken ct = default)
    {
        var session = await db.Sessions.FirstOrDefaultAsync(s => s.Id == sessionId && s.AccountId == accountId && s.EndedAt == null, ct);
        if (session is null)
        {
            return false;
        }

        session.End(clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>Ends every open session of the account, except <paramref name="keep"/> if given; returns how many.</summary>
    public async Task<int> EndAllAsync(Guid accountId, Guid? keep = null, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var open = await db.Sessions.Where(s => s.AccountId == accountId && s.EndedAt == null).ToListAsync(ct);
        var ended = 0;
        foreach (var session in open.Where(s => s.Id != keep))
        {
            session.End(now);
            ended++;
        }

        await db.SaveChangesAsync(ct);
        return ended;
    }
}
