using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using EduGov.Domain.Audit;
using EduGov.Domain.Common;
using EduGov.Domain.Notifications;
using EduGov.Domain.Organisation;
using EduGov.Infrastructure.Filing;
using EduGov.Infrastructure.Identity;
using EduGov.Infrastructure.Notifications;
using EduGov.Infrastructure.Seeding;
using EduGov.Infrastructure.Tests.Support;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace EduGov.Infrastructure.Tests.Notifications;

/// <summary>
/// Channels, preferences and the outbox against robots and an SMTP server on the loopback address (never an outside host).
/// The event used throughout: 渝中区 returns the demo principal's filing (in-app only by default).
/// </summary>
public sealed class OutboxTests : IAsyncLifetime
{
    private const string PublicUrl = "https://edugov.example.cn";
    private TestDatabase _db = default!;
    private int _school, _district, _city;

    private ChannelService Channels => _db.Get<ChannelService>();
    private PreferenceService Preferences => _db.Get<PreferenceService>();
    private OutboxSender Outbox => _db.Get<OutboxSender>();

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync(settings: new Dictionary<string, string?>
        {
            ["EduGov:Notifications:PublicUrl"] = PublicUrl,
            ["EduGov:Notifications:MaxAttempts"] = "3",
        });
        (_school, _district, _city) = (await _db.UnitIdAsync(DemoUsers.PrincipalSchoolCode), await _db.UnitIdAsync("500103"), await _db.UnitIdAsync("500000"));
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private Task<int> RobotAsync(string name, ChannelKind kind, int? unit, string url, bool covers = false, string? secret = null) =>
        Channels.SaveAsync(Scopes.Admin, null, new ChannelDetails(name, kind, unit, covers, Enabled: true), new SecretInput(url, secret));

    private Task WantOutwardAsync(AccessScope scope, NotificationKind kind, string? email = null) =>
        Preferences.SaveAsync(scope, new Dictionary<NotificationKind, bool> { [kind] = true }, email);

    /// <summary>The principal submits, 渝中区 returns it with a comment.</summary>
    private async Task ReturnFilingAsync(string comment = "请补充无线网络覆盖情况说明")
    {
        var filings = _db.Get<FilingService>();
        var period = (await filings.CurrentPeriodAsync(Scopes.Principal))!.Id;
        var view = await filings.GetAsync(Scopes.Principal, period, _school);
        var version = await filings.SubmitAsync(Scopes.Principal, period, _school, view.Version, view.Survey);
        await filings.ReturnAsync(Scopes.District, (await filings.GetAsync(Scopes.District, period, _school)).FilingId!.Value, version, comment);
    }

    private async Task<List<NotificationDelivery>> DeliveriesAsync()
    {
        await using var db = _db.Open();
        return await db.NotificationDeliveries.AsNoTracking().OrderBy(d => d.Id).ToListAsync();
    }

    [Fact]
    public async Task AnEvent_TheUserKeptInApp_QueuesNothing_EvenWithARobotOfTheirSchool()
    {
        await using var robot = new WebhookListener();
        await RobotAsync("学校工作群", ChannelKind.WeCom, _school, robot.Url());

        await ReturnFilingAsync();

        (await DeliveriesAsync()).ShouldBeEmpty();
        (await Preferences.GetAsync(Scopes.Principal)).Kinds.Single(k => k.Kind == NotificationKind.FilingReturned).Outbound.ShouldBeFalse();
    }

    [Fact]
    public async Task AnEvent_TheUserWantsOutward_QueuesOnePostToTheirSchoolsRobot_WithTheNotification()
    {
        await using var robot = new WebhookListener();
        var channel = await RobotAsync("学校工作群", ChannelKind.WeCom, _school, robot.Url());
        await RobotAsync("区教委工作群", ChannelKind.WeCom, _district, robot.Url("/cgi-bin/webhook/send?key=district"), covers: true);
        await WantOutwardAsync(Scopes.Principal, NotificationKind.FilingReturned);

        await ReturnFilingAsync();

        var delivery = (await DeliveriesAsync()).ShouldHaveSingleItem();   // the school's own robot; the district's covers only schools without one
        (delivery.ChannelId, delivery.Kind, delivery.Status, delivery.Recipient, delivery.RecipientNames)
            .ShouldBe((channel, NotificationKind.FilingReturned, DeliveryStatus.Pending, "", "校长（渝中区）"));
        delivery.Title.ShouldBe("2026年度填报被退回");
        await using var db = _db.Open();
        (await db.Notifications.SingleAsync(n => n.Kind == NotificationKind.FilingReturned)).Subject.ShouldBe(delivery.Subject);
        robot.Requests.ShouldBeEmpty();   // nothing is sent until the job runs
    }

    [Fact]
    public async Task ARobotOfTheDistrictCoveringItsSchools_CarriesTheSchoolsMessages_OneWithoutCoverDoesNot()
    {
        await using var robot = new WebhookListener();
        var own = await RobotAsync("区教委内部群", ChannelKind.DingTalk, _district, robot.Url("/robot/send?access_token=own"));
        await WantOutwardAsync(Scopes.Principal, NotificationKind.FilingReturned);
        await ReturnFilingAsync("第一次退回");
        (await DeliveriesAsync()).ShouldBeEmpty();

        var covering = await RobotAsync("区教委与各校群", ChannelKind.DingTalk, _district, robot.Url("/robot/send?access_token=all"), covers: true);
        await ReturnFilingAsync("第二次退回");

        (await DeliveriesAsync()).ShouldHaveSingleItem().ChannelId.ShouldBe(covering);
        covering.ShouldNotBe(own);
    }

    [Fact]
    public async Task OneEvent_ToSeveralUsersOfAGroup_IsOnePost_NamingEachOfThem()
    {
        await using var robot = new WebhookListener();
        await using (var db = _db.Open())
        {
            db.Users.Add(new AppUser { UserName = "district-2", NormalizedUserName = "DISTRICT-2", DisplayName = "渝中区教委审核员", Role = Role.District, OrgUnitId = _district });
            await db.SaveChangesAsync();
        }
        await RobotAsync("区教委工作群", ChannelKind.WeCom, _district, robot.Url());
        await WantOutwardAsync(Scopes.District, NotificationKind.FilingSubmitted);
        await WantOutwardAsync(new AccessScope("district-2", Role.District, "/500000/500103/"), NotificationKind.FilingSubmitted);

        await ReturnFilingAsync();

        var post = (await DeliveriesAsync()).ShouldHaveSingleItem();
        (post.Kind, post.RecipientNames).ShouldBe((NotificationKind.FilingSubmitted, "渝中区教委、渝中区教委审核员"));
    }

    [Fact]
    public async Task SendDue_ARobotThatFailsFirst_IsTriedAgainAfterTheWait_AndGetsTheMessageExactlyOnce()
    {
        await using var robot = new WebhookListener(failures: 1);
        await RobotAsync("学校工作群", ChannelKind.WeCom, _school, robot.Url());
        await WantOutwardAsync(Scopes.Principal, NotificationKind.FilingReturned);
        await ReturnFilingAsync();
        var now = DateTime.UtcNow.AddSeconds(1);
        now = now.AddTicks(-(now.Ticks % 10)); // whole microseconds, as PostgreSQL keeps a time

        (await Outbox.SendDueAsync(now)).ShouldBe(new OutboxSender.Result(0, 1, 0, 0));
        var waiting = (await DeliveriesAsync()).Single();
        (waiting.Status, waiting.Attempts, waiting.NextAttemptAtUtc).ShouldBe((DeliveryStatus.Pending, 1, now.AddMinutes(1)));
        waiting.LastError.ShouldNotBeNull().ShouldStartWith("HTTP 500");

        (await Outbox.SendDueAsync(now.AddSeconds(30))).Sent.ShouldBe(0);   // not yet due
        (await Outbox.SendDueAsync(now.AddMinutes(1))).ShouldBe(new OutboxSender.Result(1, 0, 0, 0));
        (await Outbox.SendDueAsync(now.AddMinutes(30))).Sent.ShouldBe(0);

        robot.Requests.Count.ShouldBe(2);
        var sent = (await DeliveriesAsync()).Single();
        (sent.Status, sent.Attempts, sent.SentAtUtc, sent.NextAttemptAtUtc).ShouldBe((DeliveryStatus.Sent, 2, now.AddMinutes(1), null));
        var request = robot.Requests.Last();
        request.PathAndQuery.ShouldBe("/cgi-bin/webhook/send?key=3f2a-robot-key-9c1d");
        request.ContentType.ShouldStartWith("application/json");
        request.Body.ShouldContain("2026年度填报被退回");   // characters as UTF-8, not \u escapes
        var json = JsonNode.Parse(request.Body)!.AsObject();
        json["msgtype"]!.GetValue<string>().ShouldBe("markdown");
        json.Select(p => p.Key).ShouldBe(["msgtype", "markdown"]);
        var content = json["markdown"]!["content"]!.GetValue<string>();
        content.ShouldStartWith("**2026年度填报被退回**");
        content.ShouldContain("渝中区教委退回了本校的2026年度填报：“请补充无线网络覆盖情况说明”。");
        content.ShouldContain($"[前往处理]({PublicUrl}/filing/");
    }

    [Fact]
    public async Task SendDue_ASigningDingTalkRobot_GetsTheMarkdownWithATitle_AndAValidSignature()
    {
        const string secret = "SEC0c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d";
        await using var robot = new WebhookListener();
        await RobotAsync("区教委与各校群", ChannelKind.DingTalk, _district, robot.Url("/robot/send?access_token=ding-token"), covers: true, secret: secret);
        await WantOutwardAsync(Scopes.Principal, NotificationKind.FilingReturned);
        await ReturnFilingAsync();

        (await Outbox.SendDueAsync(DateTime.UtcNow.AddSeconds(1))).Sent.ShouldBe(1);

        var request = robot.Requests.ShouldHaveSingleItem();
        var query = System.Web.HttpUtility.ParseQueryString(new Uri("http://x" + request.PathAndQuery).Query);
        query["access_token"].ShouldBe("ding-token");
        var timestamp = long.Parse(query["timestamp"]!);
        DateTimeOffset.FromUnixTimeMilliseconds(timestamp).ShouldBe(DateTimeOffset.UtcNow, TimeSpan.FromMinutes(1));
        var expected = Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}\n{secret}")));
        query["sign"].ShouldBe(expected);   // the query decodes the URL-encoding the robot expects
        var json = JsonNode.Parse(request.Body)!.AsObject();
        json["msgtype"]!.GetValue<string>().ShouldBe("markdown");
        json["markdown"]!["title"]!.GetValue<string>().ShouldBe("2026年度填报被退回");
        json["markdown"]!["text"]!.GetValue<string>().ShouldStartWith("#### **2026年度填报被退回**");
    }

    [Fact]
    public void Sign_IsBase64OfTheHmacOfTimestampAndSecret_UrlEncoded()
    {
        var sign = WebhookPayloads.Sign("SECabc", 1700000000000);
        var raw = Convert.ToBase64String(HMACSHA256.HashData("SECabc"u8.ToArray(), "1700000000000\nSECabc"u8.ToArray()));
        sign.ShouldBe(Uri.EscapeDataString(raw));
        WebhookPayloads.SignedUrl("https://oapi.dingtalk.com/robot/send?access_token=t", "SECabc", 1700000000000)
            .ShouldBe($"https://oapi.dingtalk.com/robot/send?access_token=t&timestamp=1700000000000&sign={Uri.EscapeDataString(raw)}");
    }

    [Fact]
    public async Task SendDue_ARobotThatRefusesWithAnErrorCode_IsAFailedAttempt()
    {
        await using var robot = new WebhookListener { Answer = """{"errcode":93000,"errmsg":"invalid webhook url"}""" };
        await RobotAsync("学校工作群", ChannelKind.WeCom, _school, robot.Url());
        await WantOutwardAsync(Scopes.Principal, NotificationKind.FilingReturned);
        await ReturnFilingAsync();

        (await Outbox.SendDueAsync(DateTime.UtcNow.AddSeconds(1))).Failed.ShouldBe(1);

        (await DeliveriesAsync()).Single().LastError.ShouldBe("机器人拒收：errcode 93000 invalid webhook url");
    }

    [Fact]
    public async Task SendDue_AfterTheLastAttempt_GivesUp_AndAnAdministratorCanSendItAgain()
    {
        await using var robot = new WebhookListener(failures: 3);
        await RobotAsync("学校工作群", ChannelKind.WeCom, _school, robot.Url());
        await WantOutwardAsync(Scopes.Principal, NotificationKind.FilingReturned);
        await ReturnFilingAsync();
        var now = DateTime.UtcNow.AddSeconds(1);

        await Outbox.SendDueAsync(now);
        await Outbox.SendDueAsync(now.AddMinutes(1));
        (await Outbox.SendDueAsync(now.AddMinutes(3))).GaveUp.ShouldBe(1);   // waits of 1 and 2 minutes; the third attempt was the last
        var failed = (await DeliveriesAsync()).Single();
        (failed.Status, failed.Attempts, failed.NextAttemptAtUtc).ShouldBe((DeliveryStatus.Failed, 3, null));
        (await _db.Get<DeliveryService>().CountsAsync(Scopes.Admin)).ShouldBe(new DeliveryCounts(0, 0, 1));

        await _db.Get<DeliveryService>().RetryAsync(Scopes.Admin, failed.Id);
        (await Outbox.SendDueAsync(DateTime.UtcNow.AddSeconds(1))).Sent.ShouldBe(1);
        robot.Requests.Count.ShouldBe(4);
        await Should.ThrowAsync<Common.ForbiddenException>(() => _db.Get<DeliveryService>().RetryAsync(Scopes.Commission, failed.Id));
    }

    [Fact]
    public async Task SendDue_AChannelDown_PostponesItsOtherDeliveries_ToTheNextRun()
    {
        await using var robot = new WebhookListener(failures: 1);
        await RobotAsync("学校工作群", ChannelKind.WeCom, _school, robot.Url());
        await WantOutwardAsync(Scopes.Principal, NotificationKind.FilingReturned);
        await ReturnFilingAsync("第一次");
        await ReturnFilingAsync("第二次");

        (await Outbox.SendDueAsync(DateTime.UtcNow.AddSeconds(1))).ShouldBe(new OutboxSender.Result(0, 1, 0, 1));
        (await Outbox.SendDueAsync(DateTime.UtcNow.AddSeconds(2))).Sent.ShouldBe(1);   // the second, not yet tried
        robot.Requests.Count.ShouldBe(2);
    }

    [Fact]
    public async Task Email_GoesToTheUsersOwnAddress_ThroughTheNearestSmtpChannel()
    {
        await using var smtp = new SmtpListener();
        await Channels.SaveAsync(Scopes.Admin, null, new ChannelDetails("市教委邮件", ChannelKind.Email, _city, false, true, "127.0.0.1", smtp.Port,
            SmtpSecurity.None, null, "noreply@edu.cq.example", "重庆市教委"), new SecretInput());
        await WantOutwardAsync(Scopes.Principal, NotificationKind.FilingReturned, email: "principal@school.example");
        await ReturnFilingAsync();

        (await Outbox.SendDueAsync(DateTime.UtcNow.AddSeconds(1))).Sent.ShouldBe(1);

        var envelope = smtp.Messages.ShouldHaveSingleItem();
        (envelope.From, envelope.To.Single()).ShouldBe(("noreply@edu.cq.example", "principal@school.example"));
        var mail = await MimeMessage.LoadAsync(new MemoryStream(Encoding.UTF8.GetBytes(envelope.Data)));
        mail.Subject.ShouldBe("【教育信息化督导平台】2026年度填报被退回");
        mail.From.Mailboxes.Single().Name.ShouldBe("重庆市教委");
        mail.TextBody.ShouldNotBeNull().ShouldContain("渝中区教委退回了本校的2026年度填报：“请补充无线网络覆盖情况说明”。");
        mail.TextBody!.ShouldContain($"前往处理：{PublicUrl}/filing/");
        (await DeliveriesAsync()).Single().Recipient.ShouldBe("principal@school.example");
    }

    [Fact]
    public async Task Preferences_FollowTheDefaults_UntilChosen_AndKeepOnlyWhatDiffers()
    {
        var view = await Preferences.GetAsync(Scopes.Principal);
        view.Kinds.ShouldContain(k => k.Kind == NotificationKind.Reminder && k.Outbound && k.Default);
        view.Kinds.ShouldContain(k => k.Kind == NotificationKind.FilingReturned && !k.Outbound);
        view.Kinds.ShouldNotContain(k => k.Kind == NotificationKind.FilingSubmitted || k.Kind == NotificationKind.JobFailed);
        (await Preferences.GetAsync(Scopes.Admin)).Kinds.Select(k => k.Kind).ShouldBe([NotificationKind.JobFailed, NotificationKind.AuditBroken]);

        await Preferences.SaveAsync(Scopes.Principal, new Dictionary<NotificationKind, bool>
        {
            [NotificationKind.Reminder] = false, [NotificationKind.FilingReturned] = true, [NotificationKind.FilingApproved] = false,
        }, " principal@school.example ");

        var after = await Preferences.GetAsync(Scopes.Principal);
        after.Email.ShouldBe("principal@school.example");
        after.Kinds.Single(k => k.Kind == NotificationKind.Reminder).Outbound.ShouldBeFalse();
        after.Kinds.Single(k => k.Kind == NotificationKind.FilingReturned).Outbound.ShouldBeTrue();
        await using (var db = _db.Open())
            (await db.NotificationPreferences.CountAsync()).ShouldBe(2);   // FilingApproved false is the default: no row
        (await Should.ThrowAsync<DomainException>(() => Preferences.SaveAsync(Scopes.Principal, new Dictionary<NotificationKind, bool>(), "not-an-address")))
            .Code.ShouldBe(ErrorCodes.EmailInvalid);
    }

    [Fact]
    public async Task Preferences_NameTheChannelsAUsersMessagesWouldTake()
    {
        await RobotAsync("区教委与各校群", ChannelKind.WeCom, _district, "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc", covers: true);
        await Channels.SaveAsync(Scopes.Admin, null, new ChannelDetails("平台邮件", ChannelKind.Email, null, false, true, "smtp.example.cn", 465,
            SmtpSecurity.SslOnConnect, "noreply", "noreply@example.cn"), new SecretInput(SmtpPassword: "p@ss"));

        var view = await Preferences.GetAsync(Scopes.Principal);

        view.Robots.ShouldBe(["区教委与各校群"]);
        view.MailChannel.ShouldBe("平台邮件");
        (await Preferences.GetAsync(Scopes.Admin)).Robots.ShouldBeEmpty();
    }

    [Fact]
    public async Task Secrets_AreNeverShownBack_NeverStoredInClear_AndNeverAudited()
    {
        const string key = "3f2a-robot-key-9c1d";
        const string password = "Smtp#Pass-2026";
        await using var robot = new WebhookListener();
        var webhook = await RobotAsync("学校工作群", ChannelKind.DingTalk, _school, robot.Url(), secret: "SECsigning-secret-value");
        var mail = await Channels.SaveAsync(Scopes.Admin, null, new ChannelDetails("平台邮件", ChannelKind.Email, null, false, true, "127.0.0.1", 2525,
            SmtpSecurity.StartTls, "noreply", "noreply@example.cn"), new SecretInput(SmtpPassword: password));
        var rows = await Channels.ListAsync(Scopes.Admin);
        await Channels.SaveAsync(Scopes.Admin, webhook, rows.Single(r => r.Id == webhook).Details with { Name = "学校工作群（新）" }, new SecretInput(), rows.Single(r => r.Id == webhook).Version);

        rows = await Channels.ListAsync(Scopes.Admin);
        var shown = rows.Single(r => r.Id == webhook);
        (shown.Name, shown.SecretHint, shown.Signs).ShouldBe(("学校工作群（新）", "****9c1d", true));   // a save without a new address keeps the old
        rows.Single(r => r.Id == mail).HasPassword.ShouldBeTrue();
        (await Channels.TestAsync(Scopes.Admin, webhook, null)).ShouldBeNull();
        robot.Requests.Single().PathAndQuery.ShouldStartWith($"/cgi-bin/webhook/send?key={key}&timestamp=");

        await using var db = _db.Open();
        var stored = await db.NotificationChannels.AsNoTracking().ToListAsync();
        foreach (var secret in new[] { key, password, "SECsigning-secret-value" })
        {
            stored.ShouldAllBe(c => !(c.WebhookUrl ?? "").Contains(secret) && !(c.WebhookSecret ?? "").Contains(secret) && !(c.SmtpPassword ?? "").Contains(secret));
            (await db.AuditEntries.CountAsync(a => a.Details != null && a.Details.Contains(secret))).ShouldBe(0);
        }
        var audited = await db.AuditEntries.Where(a => a.Entity == "NotificationChannel" && a.Details != null).Select(a => a.Details!).ToListAsync();
        audited.ShouldContain(d => d.Contains("\"WebhookUrl\":\"" + AuditRedaction.Hidden + "\""));
        audited.ShouldContain(d => d.Contains("\"SmtpPassword\":\"" + AuditRedaction.Hidden + "\""));
        await Should.ThrowAsync<Common.ForbiddenException>(() => Channels.ListAsync(Scopes.Commission));
    }

    [Fact]
    public async Task ASaveThatFails_QueuesNoDelivery_AndTellsNoOpenPage()
    {
        await using var robot = new WebhookListener();
        await RobotAsync("学校工作群", ChannelKind.WeCom, _school, robot.Url());
        await WantOutwardAsync(Scopes.Principal, NotificationKind.Reminder);
        var principal = await _db.Get<NotificationService>().UserIdAsync(Scopes.Principal);
        var told = 0;
        using var _ = _db.Get<NotificationHub>().Subscribe(principal!, () => { Interlocked.Increment(ref told); return Task.CompletedTask; });

        await using (var db = _db.Open())
        {
            // The same subject twice for one user: the unique index refuses the save, and with it the outbox rows.
            db.Notify([principal!], NotificationKind.Reminder, new Reminder(_school, "same-subject", "提醒", "内容", null), DateTime.UtcNow);
            db.Notifications.Add(Notification.Send(principal!, new Reminder(_school, "same-subject", "提醒", "内容", null), DateTime.UtcNow, NotificationKind.Reminder));
            await Should.ThrowAsync<DbUpdateException>(() => db.SaveChangesAsync());
        }
        await Task.Delay(300);

        (await DeliveriesAsync()).ShouldBeEmpty();
        told.ShouldBe(0);
    }

    [Fact]
    public async Task AnOpenPage_IsToldAfterTheCommit_OfItsUsersNotification_AndOfMarkingItRead()
    {
        var hub = _db.Get<NotificationHub>();
        var principal = (await _db.Get<NotificationService>().UserIdAsync(Scopes.Principal))!;
        var district = (await _db.Get<NotificationService>().UserIdAsync(Scopes.District))!;
        var signals = new SemaphoreSlim(0);
        var otherTold = 0;
        int? countWhenTold = null;
        using var mine = hub.Subscribe(principal, async () =>
        {
            countWhenTold ??= await _db.Get<NotificationService>().UnreadCountAsync(Scopes.Principal);   // read through another context: committed
            signals.Release();
        });
        using var other = hub.Subscribe(district, () => { Interlocked.Increment(ref otherTold); return Task.CompletedTask; });
        var before = await _db.Get<NotificationService>().UnreadCountAsync(Scopes.Principal);

        var filings = _db.Get<FilingService>();
        var period = (await filings.CurrentPeriodAsync(Scopes.Principal))!.Id;
        var view = await filings.GetAsync(Scopes.Principal, period, _school);
        var version = await filings.SubmitAsync(Scopes.Principal, period, _school, null, view.Survey);
        (await signals.WaitAsync(TimeSpan.FromMilliseconds(300))).ShouldBeFalse();   // the principal's own submission tells the district, not them
        await filings.ReturnAsync(Scopes.District, (await filings.GetAsync(Scopes.District, period, _school)).FilingId!.Value, version, "请补充");

        (await signals.WaitAsync(TimeSpan.FromSeconds(5))).ShouldBeTrue();
        countWhenTold.ShouldBe(before + 1);
        otherTold.ShouldBe(1);   // the district was told of the submission

        await _db.Get<NotificationService>().MarkReadAsync(Scopes.Principal, null);
        (await signals.WaitAsync(TimeSpan.FromSeconds(5))).ShouldBeTrue();
        hub.Listeners(principal).ShouldBe(1);
        mine.Dispose();
        hub.Listeners(principal).ShouldBe(0);
    }
}
