using ClosedXML.Excel;
using EduGov.Domain.Common;
using EduGov.Domain.Training;
using EduGov.Infrastructure.Common;

namespace EduGov.Infrastructure.Training;

/// <summary>
/// What the two training templates share: the cell rules a person filling them needs (drop-downs, text codes, date and
/// number cells) over the rows a file may have, and the notes every instructions sheet carries.
/// </summary>
internal static class ImportTemplates
{
    /// <summary>Codes are text, so that Excel keeps their leading zeros (0001001 stays 0001001).</summary>
    public static void Text(IXLWorksheet sheet, string[] columns, params string[] names)
    {
        foreach (var name in names) sheet.Column(Array.IndexOf(columns, name) + 1).Style.NumberFormat.Format = "@";
    }

    public static void Choice(IXLWorksheet sheet, string[] columns, int maxRows, string name, IEnumerable<string> values)
    {
        var validation = Rule(sheet, columns, maxRows, name);
        validation.List($"\"{string.Join(",", values)}\"", true);
        validation.ErrorMessage = "请从下拉框中选择；留空表示保持系统中的原值。";
    }

    public static IXLDataValidation Rule(IXLWorksheet sheet, string[] columns, int maxRows, string name)
    {
        var column = Array.IndexOf(columns, name) + 1;
        var validation = sheet.Range(2, column, maxRows + 1, column).SetDataValidation();
        validation.IgnoreBlanks = true;
        validation.ErrorTitle = name;
        return validation;
    }

    /// <summary>The notes that hold for both imports, after each template's own.</summary>
    public static IEnumerable<object?[]> CommonNotes(int maxRows, long maxUploadBytes) =>
    [
        ["示例行", $"学校代码以“{RegistryRows.SampleMarker}”开头的行是示例行，导入时跳过（不计入行数，也不会写入），可保留也可删除。请从示例行下方开始填写。"],
        ["日期", $"写成 2025-06-30、2025/6/30 或 2025年6月30日，或使用日期单元格；年份在 {TableRules.EarliestDate.Year} 年至明年之间。06/30/2025、03/04/2025 这类月日难辨的写法不予接受。"],
        ["公式", "请直接填写数值，不要使用公式：含公式而没有计算结果或结果为错误值（如 #DIV/0!）的单元格会被拒绝。"],
        ["文件", $"可另存为 .xls、.csv（UTF-8 或 GBK）或文本文件后导入，列的顺序不限；每个文件不超过 {maxUploadBytes / 1024 / 1024} MB、{maxRows:N0} 行数据。"],
        ["检查", "导入时先检查全部行，全部正确才写入；有问题时列出行号和原因，不写入任何数据。重复导入同一文件不会重复写入。"],
    ];

    public static byte[] Save(XLWorkbook workbook)
    {
        using var stream = new MemoryStream();
        workbook.SaveAs(stream);
        return stream.ToArray();
    }
}
