import TomeCatalog
import TomeFilename

/// The first stage after the gate: the file itself, before its name is read
/// for words.
///
/// 1. a `ko_md5` (KOReader's partial MD5) that files of exactly one book
///    carry: method `ko_md5`, confidence 1.0;
/// 2. a relative path (`Author/Title.epub`) that exactly one live book's
///    file has: method `path`, 0.99;
/// 3. a basename that exactly one live book's file has: method `path`, 0.98.
///
/// A basename that two or three books' files share is not an answer, but
/// those books join the candidates (``Found/ties(_:)``).
enum FileIdentity {
    enum Found {
        /// The file is this book's.
        case book(Int64, Resolution.Method, confidence: Double, reason: String)
        /// No single book; these books have a file of this basename.
        case ties([Int64])
    }

    static func find(filename: String, koMD5: String?, evidence: FilenameEvidence,
                     reader: inout CatalogReader) throws -> Found {
        if let koMD5 = koMD5?.lowercased(), KOReaderDigest.isPartialMD5(koMD5) {
            let ids = try reader.bookIDs(koMD5: koMD5, limit: 2)
            if ids.count == 1 { return .book(ids[0], .koMD5, confidence: 1.0, reason: "the file's ko_md5 is book \(ids[0])'s") }
        }
        if filename.utf8.contains(UInt8(ascii: "/")) {
            let ids = try reader.bookIDs(path: filename, limit: 2)
            if ids.count == 1 { return .book(ids[0], .path, confidence: 0.99, reason: "a file of book \(ids[0]) has this path") }
        }
        guard !evidence.basename.isEmpty else { return .ties([]) }
        let ids = try reader.bookIDs(basename: evidence.basename, limit: 3)
        if ids.count == 1 { return .book(ids[0], .path, confidence: 0.98, reason: "a file of book \(ids[0]) has this name") }
        return .ties(ids)
    }
}
