using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Playwright;

namespace EduGov.E2E;

/// <summary>
/// An administrator points 渝中区 at a 企业微信 group robot (a listener on the loopback address that is down at first), the
/// daily reminders run, the outbox job's first attempt fails and is logged with its error and next attempt; the robot
/// comes back and takes the retry; a principal chooses what goes outward. Screenshots at 1440 and 390 px.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class NotificationJourneyTests(PortalServer portal) : IAsyncLifetime
{
    private readonly Robot _robot = new();

    public Task InitializeAsync() => Task.CompletedTask;
    public Task DisposeAsync() { _robot.Dispose(); return Task.CompletedTask; }

    private Task ShootAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(PortalServer.Screenshots, name), FullPage = true });

    [Fact]
    public async Task Administrator_AddsARobot_TheOutboxRetriesItUntilItIsUp_AndThePrincipalChoosesWhatGoesOut()
    {
        var admin = await portal.SignInAsync("admin");
        await admin.GotoAsync($"{portal.BaseUrl}/admin/notifications/channels");
        await PortalServer.WaitInteractiveAsync(admin);

        // A robot for 渝中区 that also carries its schools' messages.
        await admin.ClickAsync("#new-channel");
        var dialog = admin.Locator(".mud-dialog");
        await dialog.Locator("#channel-name").FillAsync("渝中区教委工作群");
        await dialog.Locator("#channel-unit").FillAsync("500103");
        await admin.ClickAsync(".mud-popover-open .mud-list-item:has-text('渝中区')");
        await dialog.GetByText("覆盖下级单位").ClickAsync();
        await dialog.Locator("#channel-url").FillAsync(_robot.Url);
        await dialog.Locator("#save-channel").ClickAsync();
        var row = admin.Locator("#channel-table tbody tr:has-text('渝中区教委工作群')");
        await Assertions.Expect(row).ToContainTextAsync("****");
        (await admin.ContentAsync()).ShouldNotContain(Robot.Key);

        // The daily reminders tell 渝中区 of its overdue rectification item; reminders go outward by default.
        _robot.Down = true;
        await RunNowAsync(admin, "send-reminders");

        // The outbox job (every minute; here also run by hand) tries the robot, which is down: the log shows the error
        // and the next attempt (the journeys' portal waits 2 s before a retry, not a minute).
        var target = admin.Locator("#delivery-table tbody tr:has-text('整改事项已逾期')").First;
        await DeliverUntilAsync(admin, async () => await target.CountAsync() > 0 && (await target.TextContentAsync())!.Contains("HTTP 500"));
        await Assertions.Expect(target.Locator(".delivery-status")).ToContainTextAsync("待发送");
        foreach (var width in new[] { 1440, 390 })
        {
            await admin.SetViewportSizeAsync(width, 900);
            await ShootAsync(admin, $"notification-deliveries-retrying-{width}.png");
        }

        // The robot is back: a retry gets through, once.
        _robot.Down = false;
        await admin.SetViewportSizeAsync(1440, 900);
        await DeliverUntilAsync(admin, async () => (await target.Locator(".delivery-status").TextContentAsync())!.Contains("已发送"));
        var posts = _robot.Posts.Where(p => p.Contains("整改事项已逾期")).ToList();
        posts.Count.ShouldBeGreaterThanOrEqualTo(2);   // at least the failed attempt and the one that got through
        _robot.Accepted.Count(p => p.Contains("整改事项已逾期")).ShouldBe(1);
        _robot.Posts.ShouldAllBe(p => p.StartsWith("{\"msgtype\":\"markdown\",\"markdown\":{\"content\":"));
        foreach (var width in new[] { 1440, 390 })
        {
            await admin.SetViewportSizeAsync(width, 900);
            await ShootAsync(admin, $"notification-deliveries-{width}.png");
        }

        // A test message from the channel page, then the page itself.
        await admin.SetViewportSizeAsync(1440, 900);
        await admin.GotoAsync($"{portal.BaseUrl}/admin/notifications/channels");
        await PortalServer.WaitInteractiveAsync(admin);
        await admin.ClickAsync("#channel-table tbody tr:has-text('渝中区教委工作群') .test-channel");
        await admin.ClickAsync("#send-test");
        await Assertions.Expect(admin.Locator(".test-result")).ToContainTextAsync("已送达");
        await admin.Keyboard.PressAsync("Escape");
        await admin.ReloadAsync();
        await PortalServer.WaitInteractiveAsync(admin);
        foreach (var width in new[] { 1440, 390 })
        {
            await admin.SetViewportSizeAsync(width, 900);
            await ShootAsync(admin, $"notification-channels-{width}.png");
        }

        // The principal sees which channels reach the school and sends returned filings outward too.
        var principal = await portal.SignInAsync("principal");
        await principal.GotoAsync($"{portal.BaseUrl}/notifications/settings");
        await PortalServer.WaitInteractiveAsync(principal);
        await Assertions.Expect(principal.Locator("#outbound-routes")).ToContainTextAsync("渝中区教委工作群");
        var returned = principal.Locator(".kind-row[data-kind='FilingReturned']");
        await Assertions.Expect(returned).ToContainTextAsync("仅站内");
        await returned.Locator(".outbound-switch").ClickAsync();
        await Assertions.Expect(returned).ToContainTextAsync("站内 + 外发");
        await principal.Locator("input#my-email").FillAsync("principal@school.example");
        await principal.ClickAsync("#save-settings");
        await Assertions.Expect(principal.Locator(".mud-snackbar")).ToContainTextAsync("已保存");
        await principal.ReloadAsync();
        await PortalServer.WaitInteractiveAsync(principal);
        await Assertions.Expect(principal.Locator(".kind-row[data-kind='FilingReturned']")).ToContainTextAsync("站内 + 外发");
        foreach (var width in new[] { 1440, 390 })
        {
            await principal.SetViewportSizeAsync(width, 900);
            await ShootAsync(principal, $"notification-settings-{width}.png");
        }
    }

    private async Task RunNowAsync(IPage admin, string job)
    {
        await admin.GotoAsync($"{portal.BaseUrl}/jobs");
        await PortalServer.WaitInteractiveAsync(admin);
        var button = admin.Locator($"tr:has([data-job='{job}']) .run-now");
        await Assertions.Expect(button).ToBeEnabledAsync(new() { Timeout = 30_000 });
        await button.ClickAsync();
        await Assertions.Expect(admin.Locator(".mud-snackbar")).ToBeVisibleAsync();
    }

    /// <summary>Runs the outbox job and reads the delivery log until <paramref name="done"/>, for at most about two minutes.</summary>
    private async Task DeliverUntilAsync(IPage admin, Func<Task<bool>> done)
    {
        for (var attempt = 0; attempt < 30; attempt++)
        {
            await RunNowAsync(admin, "deliver-notifications");
            await Task.Delay(2_500);
            await admin.GotoAsync($"{portal.BaseUrl}/admin/notifications/deliveries");
            await PortalServer.WaitInteractiveAsync(admin);
            await Assertions.Expect(admin.Locator("#delivery-table tbody tr").First).ToBeVisibleAsync();
            if (await done()) return;
        }
        (await done()).ShouldBeTrue("the delivery log did not show the expected state in time");
    }

    /// <summary>A 企业微信 robot on the loopback address: answers 500 while down, else {"errcode":0}; keeps every post.</summary>
    private sealed class Robot : IDisposable
    {
        public const string Key = "e2e-robot-key-7f3c9d21";
        private readonly HttpListener _listener = new();

        public Robot()
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            Url = $"http://127.0.0.1:{port}/cgi-bin/webhook/send?key={Key}";
            _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            _listener.Start();
            _ = Task.Run(LoopAsync);
        }

        public string Url { get; }
        public volatile bool Down;
        public ConcurrentQueue<string> Posts { get; } = new();
        public ConcurrentQueue<string> Accepted { get; } = new();

        private async Task LoopAsync()
        {
            while (_listener.IsListening)
            {
                try
                {
                    var context = await _listener.GetContextAsync();
                    using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
                    var post = await reader.ReadToEndAsync();
                    Posts.Enqueue(post);
                    var down = Down;
                    if (!down) Accepted.Enqueue(post);
                    context.Response.StatusCode = down ? 500 : 200;
                    await context.Response.OutputStream.WriteAsync(Encoding.UTF8.GetBytes(down ? "down" : """{"errcode":0,"errmsg":"ok"}"""));
                    context.Response.Close();
                }
                catch (Exception) when (!_listener.IsListening)
                {
                    return;
                }
            }
        }

        public void Dispose() => _listener.Close();
    }
}
