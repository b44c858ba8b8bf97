using EduGov.Domain.Common;
using EduGov.Domain.Notifications;
using EduGov.Domain.Organisation;

namespace EduGov.Domain.Tests.Notifications;

public sealed class OutboundTests
{
    private static readonly DateTime Now = new(2026, 11, 23, 8, 0, 0, DateTimeKind.Utc);
    private static readonly DeliveryRetry Retry = new(4, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(3));

    private static NotificationDelivery Delivery() =>
        NotificationDelivery.Queue(1, Notification.Send("u1", new Reminder(5, "filing:1:5:returned:1", "填报被退回", "请补充", "/filing"), Now, NotificationKind.FilingReturned),
            "", "校长", Now);

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 3)]   // 4 minutes, capped at 3
    public void NextAttemptAt_DoublesTheWait_UpToTheCap(int attempt, int minutes) =>
        Retry.NextAttemptAt(attempt, Now).ShouldBe(Now.AddMinutes(minutes));

    [Fact]
    public void NextAttemptAt_AfterTheLastAttempt_IsNone() => Retry.NextAttemptAt(4, Now).ShouldBeNull();

    [Fact]
    public void AttemptFailed_WaitsThenGivesUp_AndRetryNowStartsAFreshRound()
    {
        var delivery = Delivery();
        delivery.IsDue(Now).ShouldBeTrue();

        for (var i = 0; i < 3; i++) delivery.AttemptFailed("HTTP 500", Now, Retry);
        (delivery.Status, delivery.Attempts, delivery.IsDue(Now)).ShouldBe((DeliveryStatus.Pending, 3, false));
        delivery.AttemptFailed("HTTP 500", Now, Retry);
        (delivery.Status, delivery.NextAttemptAtUtc, delivery.LastError).ShouldBe((DeliveryStatus.Failed, null, "HTTP 500"));

        delivery.RetryNow(Now.AddHours(1));
        (delivery.Status, delivery.Attempts, delivery.IsDue(Now.AddHours(1))).ShouldBe((DeliveryStatus.Pending, 0, true));
    }

    [Fact]
    public void Delivered_IsFinal_ASecondSendIsRefused()
    {
        var delivery = Delivery();
        delivery.Delivered(Now);
        (delivery.Status, delivery.Attempts, delivery.SentAtUtc).ShouldBe((DeliveryStatus.Sent, 1, Now));
        Should.Throw<DomainException>(() => delivery.Delivered(Now)).Code.ShouldBe(ErrorCodes.DeliveryWrongState);
        Should.Throw<DomainException>(() => delivery.RetryNow(Now)).Code.ShouldBe(ErrorCodes.DeliveryWrongState);
    }

    [Fact]
    public void AddRecipientName_NamesEachUserOnce()
    {
        var delivery = Delivery();
        delivery.AddRecipientName("校长");
        delivery.AddRecipientName("副校长");
        delivery.RecipientNames.ShouldBe("校长、副校长");
    }

    [Fact]
    public void Channel_AWebhookNeedsAnAddress_AndKeepsTheStoredOneWhenNoneIsGiven()
    {
        var details = new ChannelDetails("区教委工作群", ChannelKind.WeCom, 3, true, true);
        Should.Throw<DomainException>(() => NotificationChannel.Create(details, ChannelSecrets.None, "admin", Now)).Code.ShouldBe(ErrorCodes.Required);

        var channel = NotificationChannel.Create(details, new ChannelSecrets(new ProtectedSecret("enc-1", "****abcd")), "admin", Now);
        channel.Update(details with { Name = "新名称" }, ChannelSecrets.None, "admin", Now);
        (channel.Name, channel.WebhookUrl, channel.SecretHint, channel.CoversSubunits).ShouldBe(("新名称", "enc-1", "****abcd", true));
    }

    [Fact]
    public void Channel_EmailNeedsServerPortAndSender_AndDropsThePasswordWithoutAUser()
    {
        var details = new ChannelDetails("平台邮件", ChannelKind.Email, null, true, true, "smtp.example.cn", 0, SmtpSecurity.StartTls, null, "noreply@example.cn");
        Should.Throw<DomainException>(() => NotificationChannel.Create(details, ChannelSecrets.None, "admin", Now)).Code.ShouldBe(ErrorCodes.SmtpPortInvalid);
        Should.Throw<DomainException>(() => NotificationChannel.Create(details with { SmtpPort = 25, FromAddress = "noreply" }, ChannelSecrets.None, "admin", Now))
            .Code.ShouldBe(ErrorCodes.EmailInvalid);

        var channel = NotificationChannel.Create(details with { SmtpPort = 587 }, new ChannelSecrets(SmtpPassword: new ProtectedSecret("enc", null)), "admin", Now);
        (channel.SmtpPassword, channel.CoversSubunits).ShouldBe((null, false));
    }

    [Theory]
    [InlineData("https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc", true)]
    [InlineData("http://127.0.0.1:8080/robot/send?access_token=x", true)]
    [InlineData("ftp://example.cn/x", false)]
    [InlineData("/relative/path", false)]
    public void WebhookAddress_IsAnAbsoluteHttpAddress(string url, bool valid)
    {
        if (valid) WebhookAddress.Check(url).ShouldBe(url);
        else Should.Throw<DomainException>(() => WebhookAddress.Check(url)).Code.ShouldBe(ErrorCodes.WebhookUrlInvalid);
    }

    [Fact]
    public void Hint_ShowsOnlyTheLastFourCharacters() => WebhookAddress.Hint("https://x/send?key=0123456789").ShouldBe("****6789");

    [Theory]
    [InlineData(NotificationKind.FilingReturned, false)]
    [InlineData(NotificationKind.RectificationRaised, false)]
    [InlineData(NotificationKind.Reminder, true)]
    [InlineData(NotificationKind.UrgingOverdue, true)]
    [InlineData(NotificationKind.UrgingEscalated, true)]
    [InlineData(NotificationKind.JobFailed, true)]
    public void OutboundByDefault_EventsStayInApp_OverdueEscalatedAndBrokenGoOut(NotificationKind kind, bool outward) =>
        NotificationKinds.OutboundByDefault(kind).ShouldBe(outward);

    [Fact]
    public void WantsOutbound_AChoiceOverridesTheDefault() =>
        NotificationPreference.WantsOutbound(NotificationKind.Reminder, new Dictionary<NotificationKind, bool> { [NotificationKind.Reminder] = false }).ShouldBeFalse();

    [Fact]
    public void For_EachRoleSeesTheKindsItReceives()
    {
        NotificationKinds.For(Role.District).ShouldContain(NotificationKind.FilingSubmitted);
        NotificationKinds.For(Role.District).ShouldNotContain(NotificationKind.FilingReturned);
        NotificationKinds.For(Role.Principal).ShouldContain(NotificationKind.FilingReturned);
        NotificationKinds.For(Role.Inspector).ShouldContain(NotificationKind.RectificationAnswered);
        NotificationKinds.For(Role.Admin).ShouldBe([NotificationKind.JobFailed, NotificationKind.AuditBroken]);
        Enum.GetValues<Role>().SelectMany(NotificationKinds.For).Distinct().Count().ShouldBe(Enum.GetValues<NotificationKind>().Length);
    }
}
