using MudBlazor;

namespace EduGov.Web.Components.Layout;

public static class PortalTheme
{
    public static readonly MudTheme Value = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1F4E8C",
            Secondary = "#C8102E",
            AppbarBackground = "#1F4E8C",
        },
    };
}
