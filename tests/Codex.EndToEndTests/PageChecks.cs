using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Codex.EndToEndTests;

/// <summary>
/// Checks run inside the browser on a rendered page: layout (horizontal scrolling) and
/// accessibility basics. Each returns the problems it found, described for a person to read;
/// an empty list means the page passed.
/// </summary>
public static partial class PageChecks
{
    /// <summary>
    /// Every box that scrolls (a wide table on a phone) must be reachable by keyboard, so it can be scrolled with the
    /// arrow keys: focusable itself (tabindex="0") with a name, or holding something focusable (axe: scrollable-region-focusable).
    /// </summary>
    public static async Task<IReadOnlyList<string>> UnreachableScrollRegionsAsync(IPage page)
    {
        var found = await page.EvaluateAsync<string[]>("""
            () => {
              const focusable = 'a[href], button, input:not([type=hidden]), select, textarea, [tabindex]:not([tabindex="-1"]), summary';
              const describe = e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') +
                (typeof e.className === 'string' && e.className ? '.' + e.className.trim().split(/\s+/).join('.') : '');
              const problems = [];
              for (const el of document.querySelectorAll('body *')) {
                const style = getComputedStyle(el);
                const scrollsX = /(auto|scroll)/.test(style.overflowX) && el.scrollWidth > el.clientWidth + 1;
                const scrollsY = /(auto|scroll)/.test(style.overflowY) && el.scrollHeight > el.clientHeight + 1;
                if (!scrollsX && !scrollsY) continue;
                const self = el.tabIndex >= 0 && el.getAttribute('tabindex') !== null;
                if (self) {
                  const named = (el.getAttribute('aria-labelledby') || '').split(/\s+/).some(id => document.getElementById(id)?.textContent.trim())
                    || (el.getAttribute('aria-label') || '').trim();
                  if (!named) problems.push(`Focusable scroll region without a name: ${describe(el)}`);
                } else if (!el.querySelector(focusable)) {
                  problems.push(`Scroll region not reachable by keyboard (needs tabindex="0", role="region" and a name): ${describe(el)}`);
                }
              }
              return problems;
            }
            """);
        return found;
    }

    /// <summary>The page must not scroll sideways: the document is no wider than the viewport.</summary>
    public static async Task<IReadOnlyList<string>> HorizontalScrollingAsync(IPage page)
    {
        var result = await page.EvaluateAsync<JsonElement>("""
            () => {
              const width = window.innerWidth;
              const scrollWidth = document.documentElement.scrollWidth;
              const describe = e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') +
                (typeof e.className === 'string' && e.className ? '.' + e.className.trim().split(/\s+/).join('.') : '');
              const sticking = [...document.querySelectorAll('body *')]
                .filter(e => e.getBoundingClientRect().right > width + 0.5)
                .slice(0, 8)
                .map(e => `${describe(e)} (right edge ${Math.round(e.getBoundingClientRect().right)}px)`);
              return { width, scrollWidth, sticking };
            }
            """);
        var width = result.GetProperty("width").GetInt32();
        var scrollWidth = result.GetProperty("scrollWidth").GetInt32();
        if (scrollWidth <= width)
        {
            return [];
        }

        var sticking = result.GetProperty("sticking").EnumerateArray().Select(e => e.GetString());
        return [$"The page scrolls sideways: document {scrollWidth}px wide, viewport {width}px. Elements past the right edge: {string.Join(", ", sticking)}"];
    }

    /// <summary>
    /// Accessibility basics of a page as loaded: <c>html[lang]</c>, exactly one <c>h1</c>, one
    /// <c>main</c> landmark, an accessible name (Playwright's computation of the W3C algorithm) for
    /// every visible form control, enough text contrast (WCAG 1.4.3), a visible focus outline with
    /// enough contrast on everything the Tab key reaches (2.4.7, 1.4.11), and a skip link as the
    /// very first element the Tab key reaches, which moves focus to the main content.
    /// Moves the keyboard focus and reloads the page; call it on a freshly loaded page.
    /// </summary>
    public static async Task<IReadOnlyList<string>> AccessibilityProblemsAsync(IPage page)
    {
        var problems = new List<string>(await ContentAccessibilityProblemsAsync(page));
        problems.AddRange(await FocusIndicatorProblemsAsync(page));
        await page.ReloadAsync();
        problems.AddRange(await SkipLinkProblemsAsync(page));
        return problems;
    }

    /// <summary>
    /// The checks of <see cref="AccessibilityProblemsAsync"/> that depend on a page's content —
    /// lang, one h1, one main landmark, labels, text contrast — without the keyboard walk and the
    /// skip link, which belong to the layout every page shares (checked on the main screens).
    /// Fast enough to run on every page of a crawl; leaves the page as it is.
    /// </summary>
    public static async Task<IReadOnlyList<string>> ContentAccessibilityProblemsAsync(IPage page)
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(await page.Locator("html").GetAttributeAsync("lang")))
        {
            problems.Add("<html> has no lang attribute.");
        }

        var h1Count = await page.Locator("h1").CountAsync();
        if (h1Count != 1)
        {
            problems.Add($"Expected exactly one <h1>, found {h1Count}.");
        }

        var mainCount = await page.GetByRole(AriaRole.Main).CountAsync();
        if (mainCount != 1)
        {
            problems.Add($"Expected exactly one main landmark, found {mainCount}.");
        }

        problems.AddRange(await UnlabelledControlsAsync(page));
        problems.AddRange(await LowContrastTextAsync(page));
        return problems;
    }

    /// <summary>Visible input, select and textarea elements without an accessible name.</summary>
    public static async Task<IReadOnlyList<string>> UnlabelledControlsAsync(IPage page)
    {
        var problems = new List<string>();
        var controls = page.Locator("input:not([type=hidden]), select, textarea");
        var count = await controls.CountAsync();
        for (var i = 0; i < count; i++)
        {
            var control = controls.Nth(i);
            try
            {
                await Assertions.Expect(control).ToHaveAccessibleNameAsync(NonBlank(), new() { Timeout = 2_000 });
            }
            catch (PlaywrightException)
            {
                problems.Add($"Form control without an accessible name (label): {await OuterHtmlAsync(control)}");
            }
        }

        return problems;
    }

    /// <summary>Text whose colour contrast against its background is below WCAG 2.1 AA (1.4.3).</summary>
    public static async Task<IReadOnlyList<string>> LowContrastTextAsync(IPage page)
    {
        var found = await page.EvaluateAsync<string[]>("""
            () => {
              const parse = c => {
                const m = /rgba?\(([^)]+)\)/.exec(c);
                if (!m) return null;
                const p = m[1].split(/[\s,\/]+/).filter(Boolean).map(Number);
                return { r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1 };
              };
              const channel = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
              const luminance = c => 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b);
              const background = el => {
                for (let e = el; e; e = e.parentElement) {
                  const c = parse(getComputedStyle(e).backgroundColor);
                  if (c && c.a > 0) return c;
                }
                return { r: 255, g: 255, b: 255, a: 1 };
              };
              const problems = [];
              for (const el of document.querySelectorAll('body *')) {
                if (![...el.childNodes].some(n => n.nodeType === Node.TEXT_NODE && n.textContent.trim())) continue;
                const style = getComputedStyle(el);
                const box = el.getBoundingClientRect();
                // Not rendered, visually hidden (1px clip) or moved off-screen (the resting skip link).
                if (style.visibility === 'hidden' || box.width <= 1 || box.height <= 1 || box.right <= 0 || box.bottom <= 0) continue;
                const fg = parse(style.color), bg = background(el);
                if (!fg) continue;
                const [hi, lo] = [luminance(fg), luminance(bg)].sort((a, b) => b - a);
                const ratio = (hi + 0.05) / (lo + 0.05);
                const size = parseFloat(style.fontSize), bold = parseInt(style.fontWeight, 10) >= 700;
                const needed = size >= 24 || (bold && size >= 18.66) ? 3 : 4.5;
                if (ratio < needed) {
                  problems.push(`"${el.textContent.trim().slice(0, 40)}" (${el.tagName.toLowerCase()}): contrast ${ratio.toFixed(2)}:1, needs ${needed}:1`);
                }
              }
              return problems;
            }
            """);
        return [.. found.Select(f => "Low text contrast: " + f)];
    }

    /// <summary>
    /// From a freshly loaded page, the first Tab must reach a visible "skip to content" link, and
    /// following it must move the focus to the main content.
    /// </summary>
    public static async Task<IReadOnlyList<string>> SkipLinkProblemsAsync(IPage page)
    {
        await page.Keyboard.PressAsync("Tab");
        var first = await page.EvaluateAsync<JsonElement>("""
            () => {
              const e = document.activeElement;
              const box = e.getBoundingClientRect();
              return {
                html: e.outerHTML.slice(0, 160),
                href: e.getAttribute('href') ?? '',
                onScreen: box.width > 1 && box.height > 1 && box.left >= 0 && box.top >= 0 &&
                  box.right <= window.innerWidth && box.bottom <= window.innerHeight,
              };
            }
            """);
        var href = first.GetProperty("href").GetString() ?? "";
        if (!href.StartsWith('#') || href.Length < 2)
        {
            return [$"The first element the Tab key reaches is not a skip link to the content but: {first.GetProperty("html").GetString()}"];
        }
        if (!first.GetProperty("onScreen").GetBoolean())
        {
            return ["The skip link does not become visible when it has the keyboard focus."];
        }

        await page.Keyboard.PressAsync("Enter");
        var focusedId = await page.EvaluateAsync<string>("() => document.activeElement?.id ?? ''");
        var isMain = await page.EvaluateAsync<bool>("() => document.activeElement?.tagName === 'MAIN'");
        return focusedId == href[1..] && isMain
            ? []
            : [$"Following the skip link ({href}) did not move the focus to <main> (focused: #{focusedId})."];
    }

    /// <summary>
    /// Walks the page with the Tab key, from the top to the last focusable element, and reports
    /// every stop without a focus outline of at least 2px whose colour has 3:1 contrast against
    /// what surrounds the element.
    /// </summary>
    public static async Task<IReadOnlyList<string>> FocusIndicatorProblemsAsync(IPage page)
    {
        var problems = new List<string>();
        var stops = 0;
        for (var presses = 0; presses < 200; presses++)
        {
            await page.Keyboard.PressAsync("Tab");
            var stop = await page.EvaluateAsync<JsonElement>("""
                () => {
                  const e = document.activeElement;
                  if (!e || e === document.body || e === document.documentElement) return { done: true };
                  // Back at an element seen before: the walk went round once.
                  window.__codexFocusStops ??= new WeakSet();
                  if (window.__codexFocusStops.has(e)) return { done: true };
                  window.__codexFocusStops.add(e);
                  const parse = c => {
                    const m = /rgba?\(([^)]+)\)/.exec(c);
                    if (!m) return null;
                    const p = m[1].split(/[\s,\/]+/).filter(Boolean).map(Number);
                    return { r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1 };
                  };
                  const channel = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
                  const luminance = c => 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b);
                  const background = el => {
                    for (let x = el; x; x = x.parentElement) {
                      const c = parse(getComputedStyle(x).backgroundColor);
                      if (c && c.a > 0) return c;
                    }
                    return { r: 255, g: 255, b: 255, a: 1 };
                  };
                  const html = e.outerHTML.slice(0, 140);
                  const s = getComputedStyle(e);
                  const width = parseFloat(s.outlineWidth) || 0;
                  if (s.outlineStyle === 'none' || width < 2) return { done: false, html, problem: `No visible focus outline on ${html}` };
                  // What lies just outside the outline: the surroundings it must stand out from.
                  const box = e.getBoundingClientRect();
                  const reach = (parseFloat(s.outlineOffset) || 0) + width + 2;
                  const y = Math.min(Math.max(box.top + box.height / 2, 0), window.innerHeight - 1);
                  const x = box.right + reach < window.innerWidth ? box.right + reach : Math.max(box.left - reach, 0);
                  const behind = document.elementsFromPoint(x, y).find(el => el !== e && !e.contains(el)) ?? document.body;
                  const ring = parse(s.outlineColor), around = background(behind);
                  const [hi, lo] = [luminance(ring), luminance(around)].sort((a, b) => b - a);
                  const ratio = (hi + 0.05) / (lo + 0.05);
                  return ratio >= 3 ? { done: false, html } :
                    { done: false, html, problem: `Focus outline ${s.outlineColor} of ${html} has ${ratio.toFixed(2)}:1 contrast against its surroundings, needs 3:1` };
                }
                """);
            if (stop.GetProperty("done").GetBoolean())
            {
                break;
            }
            stops++;
            if (stop.TryGetProperty("problem", out var problem))
            {
                problems.Add(problem.GetString()!);
            }
        }

        return stops == 0 ? ["The Tab key reaches no element."] : problems;
    }

    /// <summary>How far an element's outline or box-shadow shows that it has the keyboard focus.</summary>
    public static async Task<string> FocusIndicatorOfFocusedElementAsync(IPage page) =>
        await page.EvaluateAsync<string>("""
            () => {
              const s = getComputedStyle(document.activeElement);
              const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2 ? `outline ${s.outlineWidth} ${s.outlineStyle} ${s.outlineColor}` : '';
              const shadow = s.boxShadow !== 'none' ? `box-shadow ${s.boxShadow}` : '';
              return [outline, shadow].filter(Boolean).join('; ');
            }
            """);

    public static Task<string> OuterHtmlAsync(ILocator locator) =>
        locator.EvaluateAsync<string>("e => e.outerHTML.slice(0, 200)");

    public static string Describe(IEnumerable<string> problems) =>
        string.Join("\n  ", problems.Prepend(""));

    [GeneratedRegex(@"\S")]
    private static partial Regex NonBlank();
}
