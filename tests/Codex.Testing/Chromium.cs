using Microsoft.Playwright;

namespace Codex.Testing;

/// <summary>
/// Launches Debian's Chromium through Microsoft.Playwright, headless. Playwright's own browser
/// download is never used (it cannot reach its CDN here): <see cref="BrowserTypeLaunchOptions.ExecutablePath"/>
/// points to the system binary instead.
/// </summary>
public static class Chromium
{
    /// <summary>Where Debian's <c>chromium</c> package puts its launcher.</summary>
    public const string DebianExecutable = "/usr/bin/chromium";

    /// <summary>Flags for a quiet, reproducible headless browser in a container running as root.</summary>
    public static IReadOnlyList<string> Arguments { get; } =
    [
        "--no-sandbox",                       // the sandbox cannot run as root in a container
        "--disable-gpu",
        "--disable-background-networking",    // no calls home: the network here only reaches package mirrors
        "--disable-component-update",
        "--disable-quic",
        "--no-first-run",
        "--disable-sync",
    ];

    // One Playwright driver (a node process shipped in the NuGet package) serves every browser
    // of the test process; it ends with the test process.
    private static readonly SemaphoreSlim PlaywrightLock = new(1, 1);
    private static IPlaywright? _playwright;

    /// <summary>
    /// Starts a new headless Chromium. Dispose the browser when done (<c>await using</c>).
    /// Throws when no Chromium binary is found.
    /// </summary>
    public static async Task<IBrowser> LaunchAsync()
    {
        var executable = FindExecutable();
        var playwright = await GetPlaywrightAsync();
        return await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = executable,
            Headless = true,
            Args = Arguments,
            // A cold start on a busy 2-core CI machine can be slow.
            Timeout = 60_000,
        });
    }

    /// <summary>
    /// The Chromium binary to use: env CODEX_CHROMIUM, else /usr/bin/chromium, else <c>chromium</c>
    /// or <c>chromium-browser</c> on PATH.
    /// </summary>
    public static string FindExecutable()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("CODEX_CHROMIUM");
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return File.Exists(fromEnvironment)
                ? fromEnvironment
                : throw new InvalidOperationException($"CODEX_CHROMIUM points to '{fromEnvironment}', which does not exist.");
        }
        if (File.Exists(DebianExecutable))
        {
            return DebianExecutable;
        }
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .SelectMany(dir => new[] { Path.Combine(dir, "chromium"), Path.Combine(dir, "chromium-browser") })
            .FirstOrDefault(File.Exists);
        return onPath ?? throw new InvalidOperationException(
            $"Chromium not found ({DebianExecutable}, or chromium / chromium-browser on PATH). " +
            "Install it (Debian: apt-get install chromium) or set CODEX_CHROMIUM to the binary.");
    }

    private static async Task<IPlaywright> GetPlaywrightAsync()
    {
        await PlaywrightLock.WaitAsync();
        try
        {
            return _playwright ??= await Playwright.CreateAsync();
        }
        finally
        {
            PlaywrightLock.Release();
        }
    }
}
