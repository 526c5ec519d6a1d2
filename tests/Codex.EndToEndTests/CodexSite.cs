using Codex.Testing;
using Microsoft.Playwright;

namespace Codex.EndToEndTests;

/// <summary>The screens the tests look at the app on.</summary>
public enum Device
{
    /// <summary>A laptop browser window, 1280×800.</summary>
    Desktop,

    /// <summary>A phone held upright (390×844 CSS pixels, touch, mobile viewport rules).</summary>
    Phone,
}

/// <summary>
/// One real Codex host (Kestrel on a free port, SQLite file, demo organisation seeded) and one
/// headless Chromium, shared by the tests of one class. Every test gets its own browser context,
/// so cookies (sign-in, language) never leak from one test into the next.
/// </summary>
public class CodexSite : IAsyncLifetime
{
    /// <summary>Set it to a folder to keep screenshots of the pages the layout tests visit.</summary>
    public const string ScreenshotFolderVariable = "CODEX_SCREENSHOTS";

    private readonly Dictionary<string, string> _signedInStates = [];
    private readonly SemaphoreSlim _signInLock = new(1, 1);
    private readonly List<IBrowserContext> _contexts = [];
    private readonly Dictionary<IPage, List<string>> _browserErrors = [];
    private CodexApplicationFactory? _factory;
    private IBrowser? _browser;

    /// <summary>Where the host listens, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The site has not started.");

    /// <summary>The host behind the site (its services, e.g. for an operator's command, and its mail pickup folder).</summary>
    public CodexApplicationFactory Factory => _factory ?? throw new InvalidOperationException("The site has not started.");

    /// <summary>The host's services, for what a test sets up without a screen for it (e.g. an account).</summary>
    public IServiceProvider Services => _factory?.Services ?? throw new InvalidOperationException("The site has not started.");

    public static string? ScreenshotFolder =>
        Environment.GetEnvironmentVariable(ScreenshotFolderVariable) is { Length: > 0 } folder ? folder : null;

    public async Task InitializeAsync()
    {
        _factory = CodexApplicationFactory.ForSqlite();
        ConfigureHost(_factory);
        // A real socket: the browser cannot reach the in-memory TestServer. Port 0 = any free port.
        _factory.UseKestrel(KestrelPort);
        // StartServer runs Program (migrations, demo seed) synchronously; keep it off the test thread.
        await Task.Run(_factory.StartServer);
        BaseAddress = _factory.ClientOptions.BaseAddress;
        _browser = await Chromium.LaunchAsync();
    }

    /// <summary>The host's port; 0 = any free port (a site whose peers must know the address in advance picks one).</summary>
    protected virtual int KestrelPort => 0;

    /// <summary>Settings of a site that starts differently from the demo (before the host starts).</summary>
    protected virtual void ConfigureHost(CodexApplicationFactory factory)
    {
    }

    public async Task DisposeAsync()
    {
        await CloseContextsAsync();
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }
        _signInLock.Dispose();
    }

    /// <summary>Closes the browser contexts opened so far (a test calls it when it ends).</summary>
    public async Task CloseContextsAsync()
    {
        IBrowserContext[] contexts;
        lock (_contexts)
        {
            contexts = [.. _contexts];
            _contexts.Clear();
        }
        foreach (var context in contexts)
        {
            await context.CloseAsync();
        }
        lock (_browserErrors)
        {
            _browserErrors.Clear();
        }
    }

    /// <summary>
    /// What the browser reported as errors on this tab so far: console errors (a blocked inline
    /// script or style shows up here as a Content-Security-Policy violation), uncaught script
    /// errors, and responses with a 4xx/5xx status.
    /// </summary>
    public IReadOnlyList<string> BrowserErrorsOf(IPage page)
    {
        lock (_browserErrors)
        {
            return _browserErrors.TryGetValue(page, out var errors) ? [.. errors] : [];
        }
    }

    /// <summary>A fresh browser tab that is not signed in.</summary>
    public Task<IPage> NewPageAsync(Device device = Device.Desktop) => NewPageAsync(device, storageState: null);

    /// <summary>
    /// A fresh browser tab signed in as <paramref name="email"/>. The first time an account is
    /// needed it signs in through the real login form; later tabs reuse that session's cookies.
    /// </summary>
    public async Task<IPage> SignedInPageAsync(string email, Device device = Device.Desktop)
    {
        string? state;
        await _signInLock.WaitAsync();
        try
        {
            if (!_signedInStates.TryGetValue(email, out state))
            {
                var page = await NewPageAsync(Device.Desktop);
                await SignInThroughFormAsync(page, email, DemoLogins.Password);
                await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Abmelden" })).ToBeVisibleAsync();
                state = await page.Context.StorageStateAsync();
                _signedInStates[email] = state;
                await page.Context.CloseAsync();
            }
        }
        finally
        {
            _signInLock.Release();
        }

        return await NewPageAsync(device, state);
    }

    /// <summary>
    /// When <see cref="ScreenshotFolderVariable"/> names a folder, saves the whole page as
    /// <c>{name}.png</c> and, for reading at a glance, in viewport-high parts <c>{name}-partN.png</c>.
    /// </summary>
    public static async Task SaveScreenshotAsync(IPage page, string name)
    {
        if (ScreenshotFolder is not { } folder)
        {
            return;
        }

        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new() { Path = Path.Combine(folder, name + ".png"), FullPage = true });
        var viewport = page.ViewportSize!;
        var height = await page.EvaluateAsync<int>("() => document.documentElement.scrollHeight");
        for (var part = 0; part * viewport.Height < height && part < 8; part++)
        {
            await page.ScreenshotAsync(new()
            {
                Path = Path.Combine(folder, $"{name}-part{part + 1}.png"),
                FullPage = true,
                Clip = new() { X = 0, Y = part * viewport.Height, Width = viewport.Width, Height = Math.Min(viewport.Height, height - (part * viewport.Height)) },
            });
        }
    }

    /// <summary>Fills and submits the login form the way a person does (labels, button).</summary>
    public static async Task SignInThroughFormAsync(IPage page, string email, string password)
    {
        if (!page.Url.Contains("/Account/Login", StringComparison.OrdinalIgnoreCase))
        {
            await page.GotoAsync("/Account/Login");
        }
        await page.GetByLabel("E-Mail-Adresse").FillAsync(email);
        await page.GetByLabel("Passwort", new() { Exact = true }).FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Anmelden", Exact = true }).ClickAsync();
    }

    private async Task<IPage> NewPageAsync(Device device, string? storageState)
    {
        var options = new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            Locale = "de-DE",
            TimezoneId = "Europe/Berlin",
            StorageState = storageState,
        };
        if (device == Device.Phone)
        {
            options.ViewportSize = new ViewportSize { Width = 390, Height = 844 };
            options.ScreenSize = new ScreenSize { Width = 390, Height = 844 };
            options.DeviceScaleFactor = 2;
            options.IsMobile = true;
            options.HasTouch = true;
        }
        else
        {
            options.ViewportSize = new ViewportSize { Width = 1280, Height = 800 };
        }

        var context = await Browser.NewContextAsync(options);
        lock (_contexts)
        {
            _contexts.Add(context);
        }
        // A busy 2-core machine: give navigations and assertions some room.
        context.SetDefaultTimeout(15_000);
        context.SetDefaultNavigationTimeout(30_000);
        var newPage = await context.NewPageAsync();
        var errors = new List<string>();
        lock (_browserErrors)
        {
            _browserErrors[newPage] = errors;
        }
        void Record(string error)
        {
            lock (_browserErrors)
            {
                errors.Add(error);
            }
        }
        newPage.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                Record($"console: {message.Text}");
            }
        };
        newPage.PageError += (_, error) => Record($"script error: {error}");
        newPage.Response += (_, response) =>
        {
            if (response.Status >= 400)
            {
                Record($"HTTP {response.Status} for {response.Request.Method} {response.Url}");
            }
        };
        return newPage;
    }
}
