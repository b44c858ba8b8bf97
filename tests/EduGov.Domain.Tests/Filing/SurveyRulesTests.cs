using EduGov.Domain.Common;
using EduGov.Domain.Filing;

namespace EduGov.Domain.Tests.Filing;

public sealed class SurveyRulesTests
{
    [Fact]
    public void Complete_HasNoErrorsAndNothingMissing()
    {
        SurveyRules.Validate(SchoolFilingTests.Complete()).ShouldBeEmpty();
        SurveyRules.Missing(SchoolFilingTests.Complete()).ShouldBeEmpty();
    }

    [Theory]
    [InlineData(nameof(SchoolSurvey.InteractiveClassrooms), 27, 26, 26)]
    [InlineData(nameof(SchoolSurvey.MultimediaClassrooms), 10, 27, 26)]
    public void Interactive_AtMostMultimedia_AtMostClassrooms(string field, int interactive, int multimedia, int classrooms)
    {
        var survey = SchoolFilingTests.Complete() with { InteractiveClassrooms = interactive, MultimediaClassrooms = multimedia, Classrooms = classrooms };
        SurveyRules.Validate(survey).ShouldContain(e => e.Field == field && e.Code == ErrorCodes.PartExceedsWhole);
    }

    [Fact]
    public void StudentsWithSpace_AtMostStudents() =>
        SurveyRules.Validate(SchoolFilingTests.Complete() with { StudentsWithSpace = 601 })
            .ShouldContain(e => e.Field == nameof(SchoolSurvey.StudentsWithSpace));

    [Fact]
    public void NegativeAndHugeCounts_AreRefused()
    {
        var errors = SurveyRules.Validate(SchoolFilingTests.Complete() with { MakerSpaces = -1, DownlinkMbps = 1_000_000 });
        errors.ShouldContain(e => e.Field == nameof(SchoolSurvey.MakerSpaces) && e.Code == ErrorCodes.NegativeValue);
        errors.ShouldContain(e => e.Field == nameof(SchoolSurvey.DownlinkMbps) && e.Code == ErrorCodes.ValueTooLarge);
    }

    [Fact]
    public void Empty_IsValidAsADraft_ButEverythingIsMissing()
    {
        SurveyRules.Validate(new SchoolSurvey()).ShouldBeEmpty();
        SurveyRules.Missing(new SchoolSurvey()).Count.ShouldBe(typeof(SchoolSurvey).GetProperties().Length - 1);
    }
}
