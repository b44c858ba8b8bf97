using Microsoft.Extensions.Options;
using Microsoft.Playwright;

namespace EduGov.Infrastructure.Supervision;

/// <summary>Turns a self-contained HTML document into a PDF. One small seam, so another renderer can replace Chromium.</summary>
public interface IPdfPrinter
{
    /// <param name="footer">Text beside the page number at the foot of every page; null for pages without a foot (a cover).</param>
    Task<byte[]> PrintAsync(string html, string? footer, CancellationToken ct = default);
}

/// <summary>The browser could not be found or started: a clear message for the job history and the CLI.</summary>
public sealed class BrowserUnavailableException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Prints with the system's headless Chromium (or Chrome/Edge by channel) through Playwright. The browser starts on
/// the first document and stays warm; each document gets its own page.
/// </summary>
public sealed class ChromiumPdfPrinter(IOptions<EduGovOptions> options) : IPdfPrinter, IAsyncDisposable
{
    private readonly SemaphoreSlim _starting = new(1, 1);
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public async Task<byte[]> PrintAsync(string html, string? footer, CancellationToken ct = default)
    {
        var browser = await BrowserAsync(ct);
        var page = await browser.NewPageAsync();
        try
        {
            await page.SetContentAsync(html, new PageSetContentOptions { WaitUntil = WaitUntilState.Load });
            return await page.PdfAsync(new PagePdfOptions
            {
                Format = "A4", PrintBackground = true, PreferCSSPageSize = true, DisplayHeaderFooter = footer is not null,
                HeaderTemplate = "<span></span>",
                FooterTemplate = $"""<div style="width:100%;font-size:8pt;color:#666;text-align:center;font-family:'WenQuanYi Micro Hei','Noto Sans CJK SC',sans-serif">{System.Net.WebUtility.HtmlEncode(footer)} · 第 <span class="pageNumber"></span> 页 / 共 <span class="totalPages"></span> 页</div>""",
                Margin = new Margin { Top = "18mm", Bottom = "18mm", Left = "18mm", Right = "18mm" },
            });
        }
        finally
        {
            await page.CloseAsync();
        }
    }

    private async Task<IBrowser> BrowserAsync(CancellationToken ct)
    {
        if (_browser is { IsConnected: true } running) return running;
        await _starting.WaitAsync(ct);
        try
        {
            if (_browser is { IsConnected: true } started) return started;
            var settings = options.Value.Browser;
            var path = settings.Channel is null ? settings.ExecutablePath ?? Environment.GetEnvironmentVariable("EDUGOV_CHROMIUM") ?? "/usr/bin/chromium" : null;
            if (path is not null && !File.Exists(path))
                throw new BrowserUnavailableException($"No browser at {path}: install Chromium (apt install chromium) or set EduGov:Browser:ExecutablePath or EduGov:Browser:Channel.");
            try
            {
                _playwright ??= await Playwright.CreateAsync();
                _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
                {
                    ExecutablePath = path, Channel = settings.Channel, Headless = true,
                    Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
                });
                return _browser;
            }
            catch (PlaywrightException e)
            {
                throw new BrowserUnavailableException($"The browser {path ?? settings.Channel} could not be started: {e.Message}", e);
            }
        }
        finally
        {
            _starting.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        _playwright?.Dispose();
        _starting.Dispose();
    }
}
