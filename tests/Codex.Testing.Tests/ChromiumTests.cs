using System.Net;
using System.Text;

namespace Codex.Testing.Tests;

public sealed class ChromiumTests
{
    [Fact]
    public async Task Headless_chromium_reads_an_element_text_from_a_data_url_page()
    {
        await using var browser = await Chromium.LaunchAsync();
        var page = await browser.NewPageAsync();

        await page.GotoAsync("data:text/html,<html><body><h1 id='title'>Hello Codex</h1></body></html>");

        Assert.Equal("Hello Codex", await page.Locator("#title").TextContentAsync());
    }

    [Fact]
    public async Task Headless_chromium_loads_a_page_from_a_local_http_server_and_runs_its_script()
    {
        var port = FreePort.Get();
        using var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        var serving = ServeOnceAsync(listener, """
            <!doctype html>
            <html lang="de"><head><meta charset="utf-8"><title>Prüfung</title></head>
            <body><p id="out"></p><script>document.getElementById('out').textContent = 'Grüße ' + (6 * 7);</script></body></html>
            """);

        await using var browser = await Chromium.LaunchAsync();
        var page = await browser.NewPageAsync();
        var response = await page.GotoAsync($"http://127.0.0.1:{port}/");
        await serving;

        Assert.Equal(200, response?.Status);
        Assert.Equal("Prüfung", await page.TitleAsync());
        Assert.Equal("Grüße 42", await page.Locator("#out").TextContentAsync());
    }

    [Fact]
    public void The_chromium_executable_is_found()
    {
        var executable = Chromium.FindExecutable();

        Assert.True(File.Exists(executable), executable);
    }

    private static async Task ServeOnceAsync(HttpListener listener, string html)
    {
        var context = await listener.GetContextAsync();
        var body = Encoding.UTF8.GetBytes(html);
        context.Response.ContentType = "text/html; charset=utf-8";
        context.Response.ContentLength64 = body.Length;
        await context.Response.OutputStream.WriteAsync(body);
        context.Response.Close();
    }
}
