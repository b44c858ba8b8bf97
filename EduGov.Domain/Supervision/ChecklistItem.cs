using EduGov.Domain.Common;

namespace EduGov.Domain.Supervision;

public sealed record ChecklistItemDetails(string Category, string Text, decimal MaxScore, int SortOrder);

/// <summary>
/// One line of the checklist a city's commission scores its 督导检查 against (组织领导, 基础设施, 网络安全 …).
/// A retired line is no longer scored; inspections keep their own copy of each line, so editing or retiring one
/// never changes an inspection already recorded.
/// </summary>
public sealed class ChecklistItem
{
    public const decimal MaxItemScore = 100;

    private ChecklistItem() { }

    public int Id { get; private set; }
    public int CityId { get; private set; }
    public string Category { get; private set; } = "";
    public string Text { get; private set; } = "";
    public decimal MaxScore { get; private set; }
    public int SortOrder { get; private set; }
    public bool IsRetired { get; private set; }

    public static ChecklistItem Add(int cityId, ChecklistItemDetails details)
    {
        var item = new ChecklistItem { CityId = cityId };
        item.Apply(details);
        return item;
    }

    public void Update(ChecklistItemDetails details)
    {
        if (IsRetired) throw new DomainException(ErrorCodes.ChecklistItemRetired, Text);
        Apply(details);
    }

    public void Retire() => IsRetired = true;

    public void Reinstate() => IsRetired = false;

    private void Apply(ChecklistItemDetails d)
    {
        var text = Guard.Required(d.Text, 200, "Text");
        if (d.MaxScore is <= 0 or > MaxItemScore) throw new DomainException(ErrorCodes.ScoreOutOfRange, text, MaxItemScore);
        if (d.SortOrder < 0) throw new DomainException(ErrorCodes.NegativeValue, "SortOrder");
        (Category, Text, MaxScore, SortOrder) = (Guard.Required(d.Category, 20, "Category"), text, d.MaxScore, d.SortOrder);
    }
}
