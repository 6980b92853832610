/// The file extensions the reader knows, and how to find one at the end of a
/// name.
///
/// Only known extensions are removed, so that a name such as
/// `Dr. No` or `Vol. 2.5` keeps its dots.
public enum FileExtension {
    /// Extensions made of two parts, checked before single ones.
    public static let compound: [String] = ["kepub.epub", "fb2.zip", "epub.zip", "tar.gz"]

    /// Single extensions, lowercased.
    public static let known: Set<String> = [
        "epub", "kepub", "pdf", "cbz", "cbr", "cb7", "cbt", "cba", "zip", "rar", "7z", "tar",
        "mobi", "azw", "azw3", "azw4", "kfx", "prc", "pdb", "fb2", "fbz", "djvu", "djv",
        "txt", "rtf", "doc", "docx", "odt", "html", "htm", "xhtml", "md", "chm", "lit",
        "lrf", "xps", "oxps", "cbc", "jpg", "png", "sdr",
    ]

    /// Splits `name` into its stem and known extension (lowercased, no dot).
    ///
    /// ```swift
    /// FileExtension.split("Spice and Wolf.kepub.epub") // ("Spice and Wolf", "kepub.epub")
    /// FileExtension.split("Dr. No")                    // ("Dr. No", nil)
    /// ```
    public static func split(_ name: Substring) -> (stem: Substring, extension: String?) {
        guard let dot = name.lastIndex(of: ".") else { return (name, nil) }
        let last = name[name.index(after: dot)...].lowercased()
        guard known.contains(last), dot > name.startIndex else { return (name, nil) }
        let stem = name[..<dot]
        if let inner = stem.lastIndex(of: "."), inner > stem.startIndex {
            let pair = stem[stem.index(after: inner)...].lowercased() + "." + last
            if compound.contains(pair) { return (stem[..<inner], pair) }
        }
        return (stem, last)
    }
}
