using EduGov.Domain.Supervision;
using MudBlazor;

namespace EduGov.Web.Components.Pages.Supervision;

/// <summary>The chip colours of inspections and rectification items, the same on every page that lists them.</summary>
public static class SupervisionStatus
{
    public static Color ColorOf(InspectionStatus status) => status switch
    {
        InspectionStatus.Recorded => Color.Success,
        InspectionStatus.Cancelled => Color.Default,
        _ => Color.Info,
    };

    public static Color ColorOf(RectificationStatus status) => status switch
    {
        RectificationStatus.Accepted => Color.Success,
        RectificationStatus.Answered => Color.Info,
        _ => Color.Warning,
    };
}
