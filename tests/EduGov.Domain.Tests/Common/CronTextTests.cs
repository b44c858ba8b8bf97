using System.Globalization;
using EduGov.Domain.Common;

namespace EduGov.Domain.Tests.Common;

public sealed class CronTextTests
{
    [Theory]
    [InlineData("0 * * * * ?", "每分钟")]
    [InlineData("0 */5 * * * ?", "每 5 分钟")]
    [InlineData("0 0 2 * * ?", "每天 02:00")]
    [InlineData("0 30 7 ? * *", "每天 07:30")]
    [InlineData("0 30 8 ? * MON", "每周一 08:30")]
    [InlineData("0 0 9 ? * MON,FRI", "每周一、五 09:00")]
    [InlineData("0 0 9 ? * 1", "每周日 09:00")]
    [InlineData("0 0 6 1 * ?", "每月1日 06:00")]
    [InlineData("0 0 3 1 1,4,7,10 ?", "每季度首月1日（1、4、7、10月）03:00")]
    [InlineData("0 0 1 20 1 ?", "每年1月20日 01:00")]
    [InlineData("15 0 1 20 1 ? *", "每年1月20日 01:00:15")]
    public void Describe_SaysTheCommonSchedulesInChinese(string cron, string text) => CronText.Describe(cron).ShouldBe(text);

    [Theory]
    [InlineData("0 * * * * ?", "Every minute")]
    [InlineData("0 */5 * * * ?", "Every 5 minutes")]
    [InlineData("0 0 2 * * ?", "Daily at 02:00")]
    [InlineData("0 30 8 ? * MON", "Every Monday at 08:30")]
    [InlineData("0 0 9 ? * MON,FRI", "Every Monday, Friday at 09:00")]
    [InlineData("0 0 6 1 * ?", "Monthly on day 1 at 06:00")]
    [InlineData("0 0 3 1 1,4,7,10 ?", "Quarterly on day 1 of Jan, Apr, Jul and Oct at 03:00")]
    [InlineData("0 0 1 20 1 ?", "Yearly on 20 Jan at 01:00")]
    public void Describe_InEnglish_SaysTheCommonSchedulesInEnglish(string cron, string text) =>
        CronText.Describe(cron, new CultureInfo("en-US")).ShouldBe(text);

    [Fact]
    public void Describe_InChineseCulture_IsChinese() => CronText.Describe("0 0 2 * * ?", new CultureInfo("zh-CN")).ShouldBe("每天 02:00");

    [Theory]
    [InlineData("0 0/15 * * * ?")]
    [InlineData("0 0 2 L * ?")]
    [InlineData("0 0 2 ? * MON#2")]
    [InlineData("0 0 25 * * ?")]
    [InlineData("not a cron")]
    [InlineData("0 0 1 20 1 ? 2027")]
    public void Describe_AnythingElse_IsTheExpressionItself(string cron) => CronText.Describe(cron).ShouldBe(cron);
}
