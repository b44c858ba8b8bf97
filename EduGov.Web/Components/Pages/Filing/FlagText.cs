using EduGov.Domain.Filing;
using Microsoft.Extensions.Localization;

namespace EduGov.Web.Components.Pages.Filing;

/// <summary>What a flag says to a principal and a reviewer: the figure as compared, in its unit ("每百名学生 48 台"), and what it was compared with.</summary>
public static class FlagText
{
    public static string Of(IStringLocalizer L, FilingFlag flag, QualityThresholds thresholds)
    {
        string Figure(decimal value) => L[$"Flag.Figure.{flag.Field}", value.ToString("#,0.#")];
        return flag.Kind switch
        {
            FlagKind.Jump => L["Flag.Jump", Figure(flag.Value), Figure(flag.Reference), thresholds.JumpFactor.ToString("0.#")],
            FlagKind.Peer => L["Flag.Peer", Figure(flag.Value), Figure(flag.Reference), flag.Score?.ToString("0.0") ?? ""],
            _ => L["Flag.Bounds", Figure(flag.Value), Figure(flag.Reference)],
        };
    }
}
