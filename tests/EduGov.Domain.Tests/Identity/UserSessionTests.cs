using EduGov.Domain.Identity;

namespace EduGov.Domain.Tests.Identity;

public sealed class UserSessionTests
{
    private static readonly DateTime Start = new(2026, 11, 30, 8, 0, 0, DateTimeKind.Utc);
    private static readonly SessionRules Rules = new(TimeSpan.FromMinutes(30), TimeSpan.FromHours(12));

    [Fact]
    public void Start_GivesAnUnguessableId()
    {
        var a = UserSession.Start("u1", Start, "Chrome", "127.0.0.1");
        var b = UserSession.Start("u1", Start, "Chrome", "127.0.0.1");
        a.Id.Length.ShouldBe(32);
        a.Id.ShouldNotBe(b.Id);
    }

    [Fact]
    public void EndedAt_JustUnderTheIdleTimeout_Stands() =>
        UserSession.Start("u1", Start, null, null).EndedAt(Start.AddMinutes(29).AddSeconds(59), Rules).ShouldBeNull();

    [Fact]
    public void EndedAt_AtTheIdleTimeout_IsIdle() =>
        UserSession.Start("u1", Start, null, null).EndedAt(Start.AddMinutes(30), Rules).ShouldBe(SessionEnd.Idle);

    [Fact]
    public void Touch_KeepsAnActiveSessionAliveUntilItsAbsoluteEnd()
    {
        var session = UserSession.Start("u1", Start, null, null);
        for (var minute = 20; minute < 12 * 60; minute += 20) session.Touch(Start.AddMinutes(minute)).ShouldBeTrue();
        session.EndedAt(Start.AddHours(12).AddMinutes(-1), Rules).ShouldBeNull();
        session.EndedAt(Start.AddHours(12), Rules).ShouldBe(SessionEnd.Expired);
    }

    [Fact]
    public void Touch_WithinAMinute_IsNotWorthWriting()
    {
        var session = UserSession.Start("u1", Start, null, null);
        session.Touch(Start.AddSeconds(59)).ShouldBeFalse();
        session.LastSeenUtc.ShouldBe(Start);
    }

    [Fact]
    public void End_IsFinalAndKeepsTheFirstReason()
    {
        var session = UserSession.Start("u1", Start, null, null);
        session.End(Start.AddMinutes(1), SessionEnd.Locked);
        session.End(Start.AddMinutes(2), SessionEnd.SignedOut);
        session.EndedAt(Start.AddMinutes(3), Rules).ShouldBe(SessionEnd.Locked);
        session.EndedUtc.ShouldBe(Start.AddMinutes(1));
    }

    [Fact]
    public void Client_IsCutToItsColumn() =>
        UserSession.Start("u1", Start, new string('x', 500), null).Client!.Length.ShouldBe(200);
}
