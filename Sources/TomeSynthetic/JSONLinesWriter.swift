import TomeCatalog

/// Writes books as JSON Lines, the catalog interchange format, without
/// Foundation's encoder (a million lines in seconds).
public enum JSONLinesWriter {
    /// One book as one line of JSON (no newline).
    public static func line(_ b: CatalogBook) -> String {
        var out = "{\"id\": \(b.id), \"title\": \(quote(b.title)), \"authors\": [\(b.authors.map(quote).joined(separator: ", "))]"
        out += ", \"series\": \(b.series.map(quote) ?? "null")"
        out += ", \"series_index\": \(b.seriesIndex.map(number) ?? "null")"
        out += ", \"book_type\": \(b.bookType.map { quote($0.rawValue) } ?? "null")"
        out += ", \"alt_titles\": [\(b.altTitles.map(quote).joined(separator: ", "))]"
        out += ", \"language\": \(b.language.map(quote) ?? "null"), \"year\": \(b.year.map(String.init) ?? "null")"
        out += ", \"files\": [" + b.files.map { f in
            var o = "{\"path\": \(quote(f.path)), \"format\": \(f.format.map(quote) ?? "null")"
            if let size = f.size { o += ", \"size\": \(size)" }
            if let md5 = f.koMD5 { o += ", \"ko_md5\": \(quote(md5))" }
            return o + "}"
        }.joined(separator: ", ") + "]}"
        return out
    }

    static func number(_ v: Double) -> String {
        v == v.rounded() && abs(v) < 1e15 ? String(Int64(v)) : String(v)
    }

    /// A JSON string literal.
    public static func quote(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 {
                    let hex = String(u.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out + "\""
    }
}
