using System.Buffers.Binary;
using System.IO.Compression;
using System.Xml;
using EduGov.Domain.Common;

namespace EduGov.Domain.Filing;

/// <summary>
/// Whether the bytes of an evidence file are the document its extension claims, told by the file's structure and not
/// by its first bytes alone: a PDF by its trailer and cross-reference section, a PNG by its chunks up to IEND, a JPEG
/// from SOI to EOI, a Word or Excel file as an Office package holding its main part and nothing that can run code,
/// embed another file or reach outside the document.
/// </summary>
public static class EvidenceContent
{
    public const int MaxOfficeParts = 1_000;
    public const long MaxOfficeUnpackedBytes = 100 * 1024 * 1024;

    public static void Check(string extension, byte[] content)
    {
        switch (extension)
        {
            case ".pdf": CheckPdf(content); break;
            case ".png": CheckPng(content); break;
            case ".jpg" or ".jpeg": CheckJpeg(content, extension); break;
            case ".docx" or ".xlsx": CheckOffice(content, extension); break;
            default: throw new DomainException(ErrorCodes.FileTypeNotAllowed, extension);
        }
    }

    private static DomainException Mismatch(string extension) => new(ErrorCodes.FileContentMismatch, extension);
    private static DomainException Damaged(string extension) => new(ErrorCodes.FileDamaged, extension);

    /// <summary>
    /// A header "%PDF-1.x", and at the end "startxref", the offset of the cross-reference section (a table or an xref
    /// stream) and "%%EOF", with nothing after it: where every reader starts, and what HTML behind a PDF header lacks.
    /// </summary>
    private static void CheckPdf(byte[] pdf)
    {
        var file = pdf.AsSpan();
        if (!file.StartsWith("%PDF-"u8)) throw Mismatch(".pdf");
        if (file.Length < 8 || !char.IsAsciiDigit((char)file[5]) || file[6] != '.' || !char.IsAsciiDigit((char)file[7])) throw Damaged(".pdf");
        var end = file.TrimEnd("\r\n\t\f \0"u8);
        if (!end.EndsWith("%%EOF"u8)) throw Damaged(".pdf");
        var trailer = end[Math.Max(0, end.Length - 1024)..^5];
        var startxref = trailer.LastIndexOf("startxref"u8);
        if (startxref < 0 || !long.TryParse(Ascii(trailer[(startxref + 9)..]).Trim(), out var offset) || offset <= 0 || offset >= end.Length
            || !IsCrossReferenceAt(file[(int)offset..]))
            throw Damaged(".pdf");
    }

    /// <summary>"xref" (a table) or "12 0 obj" (a cross-reference stream), after any whitespace.</summary>
    private static bool IsCrossReferenceAt(ReadOnlySpan<byte> at)
    {
        var text = Ascii(at[..Math.Min(at.Length, 64)]).TrimStart();
        if (text.StartsWith("xref", StringComparison.Ordinal)) return true;
        var words = text.Split([' ', '\r', '\n', '\t'], 4, StringSplitOptions.RemoveEmptyEntries);
        return words.Length >= 3 && words[0].All(char.IsAsciiDigit) && words[1].All(char.IsAsciiDigit) && words[2].StartsWith("obj", StringComparison.Ordinal);
    }

    private static string Ascii(ReadOnlySpan<byte> bytes) => System.Text.Encoding.ASCII.GetString(bytes);

    private static ReadOnlySpan<byte> PngSignature => [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];
    private static ReadOnlySpan<byte> JpegStart => [0xFF, 0xD8, 0xFF];

    /// <summary>The signature, then chunks (length, type, data, CRC) from IHDR through image data to IEND, and nothing after it.</summary>
    private static void CheckPng(byte[] png)
    {
        if (!png.AsSpan().StartsWith(PngSignature)) throw Mismatch(".png");
        var at = 8;
        var hasData = false;
        while (true)
        {
            if (png.Length - at < 12) throw Damaged(".png");
            var length = BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(at));
            var type = png.AsSpan(at + 4, 4);
            if (length > (uint)(png.Length - at - 12) || !Ascii(type).All(char.IsAsciiLetter)) throw Damaged(".png");
            if (at == 8 && !(type.SequenceEqual("IHDR"u8) && length == 13)) throw Damaged(".png");
            hasData |= type.SequenceEqual("IDAT"u8);
            at += 12 + (int)length;
            if (type.SequenceEqual("IEND"u8))
            {
                if (!hasData || at != png.Length) throw Damaged(".png");
                return;
            }
        }
    }

    /// <summary>SOI, marker segments up to the start of scan, the image data, and EOI as the last two bytes.</summary>
    private static void CheckJpeg(byte[] jpeg, string extension)
    {
        if (!jpeg.AsSpan().StartsWith(JpegStart)) throw Mismatch(extension);
        var at = 2;
        while (true)
        {
            if (jpeg.Length - at < 4 || jpeg[at] != 0xFF) throw Damaged(extension);
            var marker = jpeg[at + 1];
            if (marker == 0xFF) { at++; continue; } // fill byte
            // Markers without a length (SOI, EOI, restarts) have no place before the scan.
            if (marker is 0x00 or 0x01 or >= 0xD0 and <= 0xD9) throw Damaged(extension);
            var length = (jpeg[at + 2] << 8) | jpeg[at + 3];
            if (length < 2 || length > jpeg.Length - at - 2) throw Damaged(extension);
            at += 2 + length;
            if (marker == 0xDA) break; // start of scan: the image data follows
        }
        if (jpeg.Length - at < 2 || jpeg[^2] != 0xFF || jpeg[^1] != 0xD9) throw Damaged(extension);
    }

    private const string ContentTypesPart = "/[Content_Types].xml";

    /// <summary>The part that makes a package a Word document or an Excel workbook, and the content type it must have.</summary>
    private static readonly Dictionary<string, (string Part, string ContentType)> MainParts = new()
    {
        [".docx"] = ("/word/document.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"),
        [".xlsx"] = ("/xl/workbook.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"),
    };

    /// <summary>
    /// A valid package ([Content_Types].xml and the main part of its kind) whose every part is of a known, inert kind:
    /// document XML, images, fonts, printer settings. Refused: macros (vbaProject.bin), ActiveX, embedded OLE objects and
    /// packages, executables or anything of an unknown kind, and relationships to outside targets other than hyperlinks
    /// (a remote template or linked picture is fetched when the file is opened). A zip bomb is stopped by counting parts
    /// and unpacked bytes.
    /// </summary>
    private static void CheckOffice(byte[] content, string extension)
    {
        if (!content.AsSpan().StartsWith("PK\u0003\u0004"u8)) throw Mismatch(extension);
        try
        {
            var parts = Unpack(content, extension);
            if (!parts.TryGetValue(ContentTypesPart, out var typesXml)) throw Mismatch(extension);
            var types = ContentTypes.Read(typesXml!, extension);
            var (mainPart, mainType) = MainParts[extension];
            if (!parts.ContainsKey(mainPart) || types.Of(mainPart) != mainType) throw Mismatch(extension);
            foreach (var (name, xml) in parts)
            {
                if (name == ContentTypesPart) continue;
                var allowed = IsRelationships(name) ? !ReachesOutside(xml!) : IsInertPart(name, types.Of(name));
                if (!allowed) throw new DomainException(ErrorCodes.OfficeContentNotAllowed, name.TrimStart('/'));
            }
        }
        catch (Exception e) when (e is InvalidDataException or NotSupportedException or IOException or XmlException)
        {
            throw Damaged(extension);
        }
    }

    /// <summary>Every part's name, with the bytes of those read as XML; every part is decompressed, so a damaged one is found.</summary>
    private static Dictionary<string, byte[]?> Unpack(byte[] content, string extension)
    {
        using var zip = new ZipArchive(new MemoryStream(content), ZipArchiveMode.Read);
        if (zip.Entries.Count > MaxOfficeParts) throw TooLarge();
        var parts = new Dictionary<string, byte[]?>(StringComparer.OrdinalIgnoreCase);
        var buffer = new byte[81920];
        long unpacked = 0;
        foreach (var entry in zip.Entries)
        {
            if (entry.FullName.EndsWith('/')) continue; // a folder
            var name = "/" + entry.FullName;
            using var kept = name == ContentTypesPart || IsRelationships(name) ? new MemoryStream() : null;
            using var data = entry.Open();
            // Counted as it is read: the sizes a zip declares can lie.
            for (int read; (read = data.Read(buffer)) > 0;)
            {
                unpacked += read;
                if (unpacked > MaxOfficeUnpackedBytes) throw TooLarge();
                kept?.Write(buffer, 0, read);
            }
            // Part names are case-insensitive: two of one name would be read differently by different programs.
            if (!parts.TryAdd(name, kept?.ToArray())) throw Damaged(extension);
        }
        return parts;
    }

    private static DomainException TooLarge() => new(ErrorCodes.OfficeUnpacksTooLarge, MaxOfficeUnpackedBytes / 1024 / 1024, MaxOfficeParts);

    private static bool IsRelationships(string name) => name.EndsWith(".rels", StringComparison.OrdinalIgnoreCase) && name.Contains("/_rels/", StringComparison.OrdinalIgnoreCase);

    private static bool ReachesOutside(byte[] relationships) =>
        ReadElements(relationships, "Relationship", "TargetMode", "Type")
            .Any(r => r[0] == "External" && r[1]?.EndsWith("/relationships/hyperlink", StringComparison.Ordinal) != true);

    private static readonly string[] ImageExtensions = [".png", ".jpeg", ".jpg", ".gif", ".bmp", ".tif", ".tiff", ".emf", ".wmf"];
    private static readonly string[] ImageTypes = ["image/png", "image/jpeg", "image/gif", "image/bmp", "image/tiff", "image/x-emf", "image/x-wmf"];

    /// <summary>.psmdcp: where System.IO.Packaging (and so ClosedXML) keeps the core properties.</summary>
    private static readonly string[] XmlExtensions = [".xml", ".psmdcp"];

    /// <summary>Names that hold code or other files whatever content type the package claims for them.</summary>
    private static readonly string[] ForbiddenNames = ["vbaProject", "vbaData", "/embeddings/", "/activeX/"];

    /// <summary>The families of document XML of Word, Excel and their drawings.</summary>
    private static readonly string[] DocumentXmlFamilies =
    [
        "application/vnd.openxmlformats-officedocument.wordprocessingml.",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.",
        "application/vnd.openxmlformats-officedocument.drawingml.",
    ];

    /// <summary>Links to other workbooks (and DDE) and data connections: they reach outside the file when it is opened.</summary>
    private static readonly string[] ReachingXml =
    [
        "application/vnd.openxmlformats-officedocument.spreadsheetml.externalLink+xml",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.connections+xml",
    ];

    /// <summary>Document XML outside those families: properties, themes, custom XML, and Office's own extensions that hold no code.</summary>
    private static readonly string[] OtherDocumentXml =
    [
        "application/xml", "text/xml",
        "application/vnd.openxmlformats-package.core-properties+xml",
        "application/vnd.openxmlformats-package.digital-signature-xmlsignature+xml",
        "application/vnd.openxmlformats-officedocument.extended-properties+xml",
        "application/vnd.openxmlformats-officedocument.custom-properties+xml",
        "application/vnd.openxmlformats-officedocument.customXmlProperties+xml",
        "application/vnd.openxmlformats-officedocument.theme+xml",
        "application/vnd.openxmlformats-officedocument.themeOverride+xml",
        "application/vnd.openxmlformats-officedocument.drawing+xml",
        "application/vnd.ms-office.drawingml.diagramDrawing+xml",
        "application/vnd.ms-office.chartstyle+xml",
        "application/vnd.ms-office.chartcolorstyle+xml",
        "application/vnd.ms-office.classificationlabels+xml",
        "application/vnd.ms-word.stylesWithEffects+xml",
        "application/vnd.ms-excel.threadedcomments+xml",
        "application/vnd.ms-excel.person+xml",
    ];

    private static bool IsInertPart(string name, string? type)
    {
        if (type is null || ForbiddenNames.Any(f => name.Contains(f, StringComparison.OrdinalIgnoreCase))) return false;
        var extension = Path.GetExtension(name).ToLowerInvariant();
        return type switch
        {
            "application/vnd.openxmlformats-officedocument.obfuscatedFont" => extension == ".odttf",
            "application/vnd.openxmlformats-officedocument.vmlDrawing" => extension == ".vml",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.printerSettings"
                or "application/vnd.openxmlformats-officedocument.wordprocessingml.printerSettings" => extension == ".bin",
            _ when ImageTypes.Contains(type) => ImageExtensions.Contains(extension),
            _ => XmlExtensions.Contains(extension) && (OtherDocumentXml.Contains(type)
                || (DocumentXmlFamilies.Any(f => type.StartsWith(f, StringComparison.Ordinal)) && type.EndsWith("+xml", StringComparison.Ordinal) && !ReachingXml.Contains(type))),
        };
    }

    /// <summary>[Content_Types].xml: a content type per part name (Override) or per extension (Default).</summary>
    private sealed record ContentTypes(Dictionary<string, string> ByPart, Dictionary<string, string> ByExtension)
    {
        public static ContentTypes Read(byte[] xml, string extension)
        {
            var types = new ContentTypes(new(StringComparer.OrdinalIgnoreCase), new(StringComparer.OrdinalIgnoreCase));
            foreach (var o in ReadElements(xml, "Override", "PartName", "ContentType"))
                if (o[0] is null || o[1] is null || !types.ByPart.TryAdd(o[0]!, o[1]!)) throw Damaged(extension);
            foreach (var d in ReadElements(xml, "Default", "Extension", "ContentType"))
                if (d[0] is null || d[1] is null || !types.ByExtension.TryAdd(d[0]!, d[1]!)) throw Damaged(extension);
            return types;
        }

        public string? Of(string part) =>
            ByPart.TryGetValue(part, out var type) ? type : ByExtension.GetValueOrDefault(Path.GetExtension(part).TrimStart('.'));
    }

    /// <summary>The given attributes of every element of one name, read as a stream: no DTD, no document tree.</summary>
    private static List<string?[]> ReadElements(byte[] xml, string element, params string[] attributes)
    {
        using var reader = XmlReader.Create(new MemoryStream(xml), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit });
        var found = new List<string?[]>();
        while (reader.Read())
            if (reader.NodeType == XmlNodeType.Element && reader.LocalName == element)
                found.Add(attributes.Select(reader.GetAttribute).ToArray());
        return found;
    }
}
