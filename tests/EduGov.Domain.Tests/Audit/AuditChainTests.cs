using EduGov.Domain.Audit;

namespace EduGov.Domain.Tests.Audit;

public sealed class AuditChainTests
{
    private static readonly byte[] Key = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
    private static readonly DateTime Now = new(2026, 11, 30, 8, 0, 0, DateTimeKind.Utc);

    private static List<AuditEntry> Chain(int count, DateTime? at = null, byte[]? key = null)
    {
        var entries = new List<AuditEntry>();
        var previous = AuditChain.Genesis;
        for (var i = 1; i <= count; i++)
        {
            var entry = new AuditEntry(at ?? Now, "district", "Modified", "Teacher", i.ToString(), $$"""{"Name":["张三","李四{{i}}"]}""", "/500000/500103/");
            entry.Seal(i, previous, key ?? Key);
            previous = entry.Hash!;
            entries.Add(entry);
        }
        return entries;
    }

    private static AuditChainCheck Check(IEnumerable<AuditEntry> entries, byte[]? key = null)
    {
        var check = new AuditChainCheck(key ?? Key, Now);
        foreach (var entry in entries) if (!check.Next(entry)) break;
        return check;
    }

    [Fact]
    public void Check_AnUntouchedChain_IsIntact()
    {
        var check = Check(Chain(5));
        check.Intact.ShouldBeTrue();
        (check.Checked, check.LastId).ShouldBe((5, 5L));
    }

    [Fact]
    public void Check_AnEntryWhoseDetailsChanged_BreaksAtThatEntry()
    {
        var entries = Chain(5);
        entries[2].ReplaceDetails("""{"Name":["张三","王五"]}""");
        var check = Check(entries);
        (check.BrokenAt, check.Break).ShouldBe((3L, AuditBreak.Altered));
    }

    [Fact]
    public void Check_AnEntryRemovedFromTheMiddle_BreaksAtTheNextOne()
    {
        var entries = Chain(5);
        entries.RemoveAt(1);
        (Check(entries).BrokenAt, Check(entries).Break).ShouldBe((3L, AuditBreak.Unlinked));
    }

    [Fact]
    public void Check_AnEntryForgedWithoutTheKey_IsNotAccepted()
    {
        var entries = Chain(3);
        var forged = new AuditEntry(Now, "admin", "SignIn", "Account", null, null);
        forged.Seal(4, entries[^1].Hash!, Enumerable.Repeat((byte)7, 32).ToArray());
        entries.Add(forged);
        (Check(entries).BrokenAt, Check(entries).Break).ShouldBe((4L, AuditBreak.Altered));
    }

    [Fact]
    public void Check_AnEntryWithoutHash_IsUnsealed()
    {
        var entries = Chain(2);
        entries.Add(new AuditEntry(Now, "admin", "SignIn", "Account", null, null));
        Check(entries).Break.ShouldBe(AuditBreak.Unsealed);
    }

    [Fact]
    public void Check_AChainThatStartsLate_IsBrokenOnlyWithinTheRetentionPeriod()
    {
        var recent = Chain(4);
        Check(recent.Skip(2)).Break.ShouldBe(AuditBreak.StartMissing);

        var old = Chain(4, at: Now - AuditEntry.Retention - TimeSpan.FromDays(1));
        Check(old.Skip(2)).Intact.ShouldBeTrue();
    }

    [Fact]
    public void End_AHeadAheadOfTheLastEntry_IsAMissingEndUnlessEntriesWereAppendedMeanwhile()
    {
        var entries = Chain(3);
        var check = Check(entries.Take(2));
        check.End(3, entries[2].Hash!, laterEntriesExist: false);
        (check.BrokenAt, check.Break).ShouldBe((2L, AuditBreak.EndMissing));

        var racing = Check(entries.Take(2));
        racing.End(3, entries[2].Hash!, laterEntriesExist: true);
        racing.Intact.ShouldBeTrue();
    }

    [Fact]
    public void End_TheHeadNamingTheLastEntry_IsIntact()
    {
        var entries = Chain(3);
        var check = Check(entries);
        check.End(3, entries[2].Hash!, laterEntriesExist: false);
        check.Intact.ShouldBeTrue();
    }

    [Fact]
    public void From_ACheckpoint_ChecksOnlyTheEntriesAfterIt()
    {
        var entries = Chain(5);
        var check = new AuditChainCheck(Key, Now).From(3, entries[2].Hash!);
        foreach (var entry in entries.Skip(3)) check.Next(entry).ShouldBeTrue();
        (check.Checked, check.LastId).ShouldBe((2, 5L));
    }

    [Fact]
    public void HashOf_DependsOnEveryField()
    {
        var a = new AuditEntry(Now, "district", "Added", "Teacher", "12", "{}", "/500000/");
        var b = new AuditEntry(Now, "district", "Added", "Teacher", "1", "2{}", "/500000/");
        AuditChain.HashOf(Key, a, AuditChain.Genesis).ShouldNotBe(AuditChain.HashOf(Key, b, AuditChain.Genesis));
    }

    [Fact]
    public void AtUtc_IsKeptToTheMillisecond() =>
        new AuditEntry(Now.AddTicks(12_345), "a", "b", "c", null, null).AtUtc.ShouldBe(Now.AddMilliseconds(1));
}
