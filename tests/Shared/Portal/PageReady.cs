namespace EduGov.Tests;

/// <summary>When a page's content is there: while the portal reads, it shows a progress bar, a skeleton or a table's loading row.</summary>
public static class PageReady
{
    /// <summary>What shows that something is loading.</summary>
    public const string Loading = ".mud-progress-indeterminate, .mud-skeleton, .mud-table-loading";

    /// <summary>A script expression, true when nothing on the page is loading.</summary>
    public const string NothingLoading = $"!document.querySelector('{Loading}')";
}
