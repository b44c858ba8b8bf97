using System.IO.Compression;
using System.Xml.Linq;
using ClosedXML.Excel;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace EduGov.Domain.Tests.Filing;

/// <summary>Real Word and Excel files made with the Open XML SDK and ClosedXML, and what an attacker adds to them.</summary>
internal static class OfficeSamples
{
    public static byte[] Docx(Action<MainDocumentPart>? add = null)
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, DocumentFormat.OpenXml.WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            main.Document = new Document(new Body(new Paragraph(new Run(new Text("整改情况说明")))));
            add?.Invoke(main);
        }
        return stream.ToArray();
    }

    public static byte[] Xlsx()
    {
        using var workbook = new XLWorkbook();
        workbook.AddWorksheet("整改台账").Cell(1, 1).Value = "已完成";
        using var stream = new MemoryStream();
        workbook.SaveAs(stream);
        return stream.ToArray();
    }

    /// <summary>The package with more parts, each declared with <paramref name="contentType"/> in [Content_Types].xml when one is given.</summary>
    public static byte[] WithParts(byte[] package, string? contentType, params (string Name, byte[] Content)[] parts)
    {
        using var stream = new MemoryStream();
        stream.Write(package);
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Update, leaveOpen: true))
        {
            foreach (var (name, content) in parts)
                using (var entry = zip.CreateEntry(name).Open())
                    entry.Write(content);
            if (contentType is not null)
            {
                var typesEntry = zip.GetEntry("[Content_Types].xml")!;
                XDocument types;
                using (var read = typesEntry.Open()) types = XDocument.Load(read);
                foreach (var (name, _) in parts)
                    types.Root!.Add(new XElement(types.Root.Name.Namespace + "Override", new XAttribute("PartName", "/" + name), new XAttribute("ContentType", contentType)));
                typesEntry.Delete();
                using var write = zip.CreateEntry("[Content_Types].xml").Open();
                types.Save(write);
            }
        }
        return stream.ToArray();
    }

    /// <summary>A plain zip of the given files: no package at all.</summary>
    public static byte[] Zip(params (string Name, byte[] Content)[] files)
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
            foreach (var (name, content) in files)
                using (var entry = zip.CreateEntry(name).Open())
                    entry.Write(content);
        return stream.ToArray();
    }
}
