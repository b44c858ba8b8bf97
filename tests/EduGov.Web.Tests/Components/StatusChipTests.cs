using Bunit;
using EduGov.Domain.Planning;
using EduGov.Web.Components.Shared;
using EduGov.Web.Tests.Support;

namespace EduGov.Web.Tests.Components;

public sealed class StatusChipTests : IAsyncLifetime
{
    private readonly PortalContext _ctx = new();

    [Theory]
    [InlineData(ProgressStatus.Achieved, "达成")]
    [InlineData(ProgressStatus.OnTrack, "进展中")]
    [InlineData(ProgressStatus.Lagging, "滞后")]
    [InlineData(ProgressStatus.NoData, "无数据")]
    public void StatusChip_ShowsTheChineseStatus(ProgressStatus status, string text) =>
        _ctx.Render<StatusChip>(p => p.Add(c => c.Status, status)).Find(".status-chip").TextContent.Trim().ShouldBe(text);

    public Task InitializeAsync() => Task.CompletedTask;
    public async Task DisposeAsync() => await _ctx.DisposeAsync();
}
