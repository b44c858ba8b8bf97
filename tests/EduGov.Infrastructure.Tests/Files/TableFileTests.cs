using System.Text;
using EduGov.Domain.Common;
using EduGov.Infrastructure.Common;
using static EduGov.Infrastructure.Tests.Support.TableFiles;

namespace EduGov.Infrastructure.Tests.Files;

/// <summary>The one reader every import goes through, against the files districts really send.</summary>
public sealed class TableFileTests
{
    private static readonly string[] Columns = ["学校代码", "姓名", "学时"];

    private static (List<(int Number, string[] Fields)> Rows, List<ImportError> Errors) Read(byte[] file, int maxRows = TableFile.DefaultMaxRows)
    {
        var errors = new List<ImportError>();
        var rows = TableFile.Read(new MemoryStream(file), Columns, errors.Add, maxRows)
            .Select(r => (r.Number, Columns.Select(c => r[c]).ToArray())).ToList();
        return (rows, errors);
    }

    private static void ShouldReadTheTeacher(byte[] file)
    {
        var (rows, errors) = Read(file);
        errors.ShouldBeEmpty();
        rows.ShouldHaveSingleItem().Fields.ShouldBe(["500103001", "张三丰", "30"]);
    }

    [Fact] public void Utf8() => ShouldReadTheTeacher(Text("学校代码,姓名,学时\n500103001,张三丰,30\n", new UTF8Encoding(false)));
    [Fact] public void Utf8WithBom() => ShouldReadTheTeacher(Text("学校代码,姓名,学时\r\n500103001,张三丰,30\r\n", new UTF8Encoding(false), bom: true));
    [Fact] public void Gbk_AsChineseExcelSavesCsv() => ShouldReadTheTeacher(Text("学校代码,姓名,学时\r\n500103001,张三丰,30\r\n", Gb18030));
    [Fact] public void Utf16Tabs_AsExcelSavesUnicodeText() => ShouldReadTheTeacher(Text("学校代码\t姓名\t学时\r\n500103001\t张三丰\t30\r\n", Encoding.Unicode, bom: true));
    [Fact] public void Semicolons() => ShouldReadTheTeacher(Csv("学校代码;姓名;学时", "500103001;张三丰;30"));
    [Fact] public void Xlsx_AnyColumnOrder_ExtraColumnsIgnored() => ShouldReadTheTeacher(Xlsx(["备注", "学时", "姓名", "学校代码"], ["无", 30, "张三丰", "500103001"]));
    [Fact] public void Xls_Excel97() => ShouldReadTheTeacher(Xls(["学校代码", "姓名", "学时"], ["500103001", "张三丰", 30]));
    [Fact] public void TextNamedXlsx_IsReadAsTheTextItIs() => ShouldReadTheTeacher(Csv("学校代码,姓名,学时", "500103001,张三丰,30"));

    [Fact]
    public void Utf8_WithACharacterCutByTheReadBuffer_IsStillUtf8()
    {
        // The padding puts 张 (3 bytes) across the 64 KB mark by which the encoding check reads: its first byte is the block's last.
        const string title = "学校代码,姓名,学时\n", before = "500103000,", between = ",1\n500103001,";
        var padding = new string('x', 65535 - Encoding.UTF8.GetByteCount(title) - before.Length - between.Length);
        var (rows, errors) = Read(Text($"{title}{before}{padding}{between}张三丰,30\n", new UTF8Encoding(false)));

        errors.ShouldBeEmpty();
        rows[^1].Fields.ShouldBe(["500103001", "张三丰", "30"]);
    }

    [Fact]
    public void QuotedFields_KeepLineBreaksSeparatorsAndQuotes_AndRowsAreNumberedAsExcelShowsThem()
    {
        var (rows, errors) = Read(Csv("学校代码,姓名,学时", "500103001,\"张\n三丰\",30", "", "500103002,\"李\"\"四\"\", 五\",12"));

        errors.ShouldBeEmpty();
        rows.Select(r => r.Number).ShouldBe([2, 4]);
        rows[0].Fields[1].ShouldBe("张\n三丰");
        rows[1].Fields[1].ShouldBe("李\"四\", 五");
    }

    [Fact]
    public void Empty_IsRefusedAsEmpty() => Read([]).Errors.ShouldHaveSingleItem().Code.ShouldBe(ErrorCodes.ImportEmpty);

    [Fact]
    public void TitlesOnly_HaveNoRows()
    {
        var (rows, errors) = Read(Csv("学校代码,姓名,学时"));
        (rows.Count, errors.Count).ShouldBe((0, 0));
    }

    [Fact]
    public void MissingAndRepeatedColumns_AreNamed_AndNoRowIsRead()
    {
        var (rows, errors) = Read(Csv("学校代码,学时,学时", "500103001,30,31"));

        rows.ShouldBeEmpty();
        errors.Select(e => (e.Row, e.Code, e.Args[0])).ShouldBe([(1, ErrorCodes.ImportMissingColumn, (object)"姓名"), (1, ErrorCodes.ImportRepeatedColumn, "学时")]);
    }

    [Fact]
    public void FormulaCells_UseTheirCachedValue_OrAreRefusedWhenTheyHaveNoneOrAnError()
    {
        var file = XlsxCells(
            Texts("学校代码", "姓名", "学时"),
            [new("500103001"), new("张三丰", Formula: "\"张三\"&\"丰\""), new("30", Formula: "10*3", Number: true)],
            [new("500103002"), new("李四"), new(null, Formula: "10*3")],
            [new("500103003"), new("王五"), new("#DIV/0!", Formula: "1/0", Error: true)]);

        var (rows, errors) = Read(file);

        rows.ShouldHaveSingleItem().Fields.ShouldBe(["500103001", "张三丰", "30"]);
        errors.Select(e => (e.Row, e.Key, e.Code, e.Args[0])).ShouldBe(
            [(3, "500103002", ErrorCodes.ImportFormula, (object)"学时"), (4, "500103003", ErrorCodes.ImportFormula, "学时")]);
    }

    [Fact]
    public void TooManyRows_AreRefusedAtTheFirstRowBeyond()
    {
        var (_, errors) = Read(Csv(["学校代码,姓名,学时", .. Enumerable.Range(1, 4).Select(i => $"50010300{i},张三,1")]), maxRows: 3);
        errors.ShouldHaveSingleItem().ShouldSatisfyAllConditions(e => e.Code.ShouldBe(ErrorCodes.ImportTooManyRows), e => e.Row.ShouldBe(5));
    }

    [Theory]
    [InlineData("png")]
    [InlineData("pdf")]
    [InlineData("zip")]
    public void AnythingElse_IsNotATable(string kind)
    {
        byte[] file = kind switch
        {
            "png" => EduGov.Tests.SampleFiles.Png,
            "pdf" => EduGov.Tests.SampleFiles.Pdf,
            _ => ZipWithout(),
        };
        Should.Throw<DomainException>(() => Read(file)).Code.ShouldBe(ErrorCodes.ImportNotTable);

        static byte[] ZipWithout()
        {
            using var stream = new MemoryStream();
            using (var zip = new System.IO.Compression.ZipArchive(stream, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
                using (var entry = new StreamWriter(zip.CreateEntry("readme.txt").Open())) entry.Write("hello");
            return stream.ToArray();
        }
    }

    [Fact]
    public void TruncatedWorkbooks_AreDamaged()
    {
        var xlsx = Xlsx(["学校代码", "姓名", "学时"], ["500103001", "张三丰", 30]);
        Should.Throw<DomainException>(() => Read(Truncated(xlsx))).Code.ShouldBe(ErrorCodes.ImportNotXlsx);
        var xls = Xls(["学校代码", "姓名", "学时"], ["500103001", "张三丰", 30]);
        Should.Throw<DomainException>(() => Read(Truncated(xls))).Code.ShouldBe(ErrorCodes.FileDamaged);
    }

    [Fact]
    public void ZipBomb_IsRefusedBeforeItIsUnpacked()
    {
        var bomb = ZipBomb(200);
        bomb.Length.ShouldBeLessThan(2 * 1024 * 1024);

        var allocated = GC.GetAllocatedBytesForCurrentThread();
        Should.Throw<DomainException>(() => Read(bomb)).Code.ShouldBe(ErrorCodes.ImportUnpacksTooLarge);
        (GC.GetAllocatedBytesForCurrentThread() - allocated).ShouldBeLessThan(16 * 1024 * 1024);
    }
}
