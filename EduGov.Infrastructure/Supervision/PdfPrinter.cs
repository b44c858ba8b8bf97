using System.Collections.Concurrent;
using System.Diagnostics;
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
/// the first document and stays warm, and so do its pages: a new page costs more than laying out a short report.
/// </summary>
public sealed class ChromiumPdfPrinter(IOptions<EduGovOptions> options, Common.EduGovMetrics? metrics = null) : IPdfPrinter, IAsyncDisposable
{
    private readonly SemaphoreSlim _starting = new(1, 1);
    private readonly ConcurrentBag<IPage> _idle = [];
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public async Task<byte[]> PrintAsync(string html, string? footer, CancellationToken ct = default)
    {
        var started = Stopwatch.GetTimestamp();
        var page = _idle.TryTake(out var warm) && !warm.IsClosed ? warm : await (await BrowserAsync(ct)).NewPageAsync();
        var reusable = false;
        try
        {
            await page.SetContentAsync(WithFoot(html, footer), new PageSetContentOptions { WaitUntil = WaitUntilState.Load });
            var pdf = await page.PdfAsync(new PagePdfOptions
            {
                Format = "A4", PrintBackground = true, PreferCSSPageSize = true,
                Margin = new Margin { Top = "18mm", Bottom = "18mm", Left = "18mm", Right = "18mm" },
            });
            reusable = true;
            return pdf;
        }
        finally
        {
            metrics?.Printed(Stopwatch.GetElapsedTime(started), succeeded: reusable);
            if (reusable && _idle.Count < ScheduledDocuments.PrintsAtOnce) _idle.Add(page);
            else await page.CloseAsync();
        }
    }

    /// <summary>
    /// The page foot as a CSS page-margin box: Chromium lays it out with the document, where its own header and footer
    /// templates are laid out once per page and made a ten-page report print three times slower.
    /// </summary>
    private static string WithFoot(string html, string? footer)
    {
        if (footer is null) return html;
        var text = footer.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("<", "\\3C ").ReplaceLineEndings(" ");
        var style = $$"""<style>@page { @bottom-center { content: "{{text}} · 第 " counter(page) " 页 / 共 " counter(pages) " 页"; font-size: 8pt; color: #666; font-family: 'WenQuanYi Micro Hei', 'Noto Sans CJK SC', sans-serif; } }</style>""";
        var head = html.IndexOf("</head>", StringComparison.OrdinalIgnoreCase);
        return head < 0 ? style + html : html.Insert(head, style);
    }

    private async Task<IBrowser> BrowserAsync(CancellationToken ct)
    {
        if (_browser is { IsConnected: true } running) return running;
        await _starting.WaitAsync(ct);
        try
        {
            if (_browser is { IsConnected: true } started) return started;
            var settings = options.Value.Browser;
            var path = settings.Channel is null ? settings.ExecutablePath ?? SystemBrowser.ExecutablePath : null;
            if (path is not null && !File.Exists(path))
                throw new BrowserUnavailableException($"No browser at {path}: install Chromium (apt install chromium-headless-shell) or set EduGov:Browser:ExecutablePath or EduGov:Browser:Channel.");
            try
            {
                _playwright ??= await Playwright.CreateAsync();
                _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
                {
                    ExecutablePath = path, Channel = settings.Channel, Headless = true,
                    Args = SystemBrowser.Arguments,
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
        _idle.Clear();
        if (_browser is not null) await _browser.DisposeAsync();
        _playwright?.Dispose();
        _starting.Dispose();
    }
}
