// libFuzzer target: the resolver over a small catalog.
//
// The catalog is built once per process, in a temporary folder, from the
// books below (46 books of the hand-written corpus catalogs: series and
// volumes, manga, comics with runs, alt titles in other scripts, short
// titles, same titles by other authors, two with a ko_md5), imported through
// `JSONLinesSource` as `tome-resolve index` does. Each input's bytes become a
// filename (`String(decoding:as:)`); an input holding a vertical tab (0x0B)
// is a `ko_md5` before it and the name after it. Then `Resolver.resolve`:
// - never throws (the catalog is sound: a throw is a bug);
// - keeps the name as given; answers a book of the catalog with a finite
//   confidence in 0...1 and no refusal, or refuses with a code and a
//   reason; refuses what `NameCheck` refuses, with its code;
// - for one input in four, resolves again with `explain: true`: the same
//   decision, an explanation attached, and the `ResolutionReport` (what the
//   CLI and the service print) encodes to JSON.
// A violated property is a crash (`fatalError`), which libFuzzer reports.
import CFuzzDriver
import Foundation
import TomeCatalog
import TomeFilename
import TomeResolver
import TomeWire

#if canImport(Glibc)
import Glibc
#endif

private let books = #"""
{"id": 1201, "title": "The Name of the Wind", "authors": ["Patrick Rothfuss"], "series": "The Kingkiller Chronicle", "series_index": 1, "book_type": "book", "alt_titles": [], "language": "eng", "year": 2007, "files": [{"path": "Patrick Rothfuss/The Name of the Wind (1201)/The Name of the Wind - Patrick Rothfuss.epub", "format": "epub", "ko_md5": "0123456789abcdef0123456789abcdef"}]}
{"id": 1202, "title": "Harry Potter and the Philosopher's Stone", "authors": ["J.K. Rowling"], "series": "Harry Potter", "series_index": 1, "book_type": "book", "alt_titles": ["Harry Potter and the Sorcerer's Stone"], "language": "eng", "year": 1997, "files": [{"path": "J.K. Rowling/Harry Potter and the Philosopher's Stone (1202)/Harry Potter and the Philosopher's Stone - J.K. Rowling.epub", "format": "epub"}]}
{"id": 1203, "title": "Harry Potter and the Chamber of Secrets", "authors": ["J.K. Rowling"], "series": "Harry Potter", "series_index": 2, "book_type": "book", "alt_titles": [], "language": "eng", "year": 1998, "files": [{"path": "J.K. Rowling/Harry Potter and the Chamber of Secrets (1203)/Harry Potter and the Chamber of Secrets - J.K. Rowling.epub", "format": "epub"}]}
{"id": 801, "title": "One Piece, Vol. 1: Romance Dawn", "authors": ["Eiichiro Oda"], "series": "One Piece", "series_index": 1, "book_type": "manga", "alt_titles": ["ONE PIECE", "ワンピース"], "language": "eng", "year": 2003, "files": [{"path": "Eiichiro Oda/One Piece, Vol. 1_ Romance Dawn (801)/One Piece, Vol. 1_ Romance Dawn - Eiichiro Oda.cbz", "format": "cbz"}]}
{"id": 802, "title": "One Piece, Vol. 2: Buggy the Clown", "authors": ["Eiichiro Oda"], "series": "One Piece", "series_index": 2, "book_type": "manga", "alt_titles": ["ONE PIECE", "ワンピース"], "language": "eng", "year": 2003, "files": [{"path": "Eiichiro Oda/One Piece, Vol. 2_ Buggy the Clown (802)/One Piece, Vol. 2_ Buggy the Clown - Eiichiro Oda.cbz", "format": "cbz"}]}
{"id": 803, "title": "One Piece, Vol. 3: Don't Get Fooled Again", "authors": ["Eiichiro Oda"], "series": "One Piece", "series_index": 3, "book_type": "manga", "alt_titles": ["ONE PIECE", "ワンピース"], "language": "eng", "year": 2004, "files": [{"path": "Eiichiro Oda/One Piece, Vol. 3_ Don't Get Fooled Again (803)/One Piece, Vol. 3_ Don't Get Fooled Again - Eiichiro Oda.cbz", "format": "cbz", "ko_md5": "fedcba9876543210fedcba9876543210"}]}
{"id": 411, "title": "Attack on Titan", "authors": ["Hajime Isayama"], "series": "Attack on Titan", "series_index": 1, "book_type": "manga", "alt_titles": ["進撃の巨人", "进击的巨人", "Shingeki no Kyojin"], "language": "eng", "year": 2012, "files": [{"path": "Hajime Isayama/Attack on Titan (411)/Attack on Titan - Hajime Isayama.cbz", "format": "cbz"}]}
{"id": 412, "title": "Attack on Titan", "authors": ["Hajime Isayama"], "series": "Attack on Titan", "series_index": 2, "book_type": "manga", "alt_titles": ["進撃の巨人", "进击的巨人", "Shingeki no Kyojin"], "language": "eng", "year": 2012, "files": [{"path": "Hajime Isayama/Attack on Titan (412)/Attack on Titan - Hajime Isayama.cbz", "format": "cbz"}]}
{"id": 413, "title": "Attack on Titan", "authors": ["Hajime Isayama"], "series": "Attack on Titan", "series_index": 3, "book_type": "manga", "alt_titles": ["進撃の巨人", "进击的巨人", "Shingeki no Kyojin"], "language": "eng", "year": 2012, "files": [{"path": "Hajime Isayama/Attack on Titan (413)/Attack on Titan - Hajime Isayama.cbz", "format": "cbz"}]}
{"id": 3001, "title": "Fantastic Four #1", "authors": ["Stan Lee", "Jack Kirby"], "series": "Fantastic Four", "series_index": 1, "run": 1, "book_type": "comic", "alt_titles": [], "language": "eng", "year": 1961, "files": [{"path": "Stan Lee/Fantastic Four #1 (3001)/Fantastic Four #1 - Stan Lee.cbz", "format": "cbz"}]}
{"id": 3002, "title": "Fantastic Four #12", "authors": ["Stan Lee", "Jack Kirby"], "series": "Fantastic Four", "series_index": 12, "run": 1, "book_type": "comic", "alt_titles": [], "language": "eng", "year": 1963, "files": [{"path": "Stan Lee/Fantastic Four #12 (3002)/Fantastic Four #12 - Stan Lee.cbr", "format": "cbr"}]}
{"id": 3003, "title": "Fantastic Four #48", "authors": ["Stan Lee", "Jack Kirby"], "series": "Fantastic Four", "series_index": 48, "run": 1, "book_type": "comic", "alt_titles": [], "language": "eng", "year": 1966, "files": [{"path": "Stan Lee/Fantastic Four #48 (3003)/Fantastic Four #48 - Stan Lee.cbz", "format": "cbz"}]}
{"id": 6001, "title": "Leviathan Wakes", "authors": ["James S. A. Corey"], "series": "The Expanse", "series_index": 1, "book_type": "book", "alt_titles": [], "language": "eng", "year": 2011, "files": [{"path": "James S. A. Corey/Leviathan Wakes (6001)/Leviathan Wakes - James S. A. Corey.epub", "format": "epub"}]}
{"id": 6002, "title": "Caliban's War", "authors": ["James S. A. Corey"], "series": "The Expanse", "series_index": 2, "book_type": "book", "alt_titles": [], "language": "eng", "year": 2012, "files": [{"path": "James S. A. Corey/Caliban's War (6002)/Caliban's War - James S. A. Corey.epub", "format": "epub"}]}
{"id": 6003, "title": "Abaddon's Gate", "authors": ["James S. A. Corey"], "series": "The Expanse", "series_index": 3, "book_type": "book", "alt_titles": [], "language": "eng", "year": 2013, "files": [{"path": "James S. A. Corey/Abaddon's Gate (6003)/Abaddon's Gate - James S. A. Corey.epub", "format": "epub"}]}
{"id": 1101, "title": "Ender's Game", "authors": ["Orson Scott Card"], "series": "Ender's Saga", "series_index": 1, "book_type": "book", "alt_titles": [], "language": "eng", "year": 1985, "files": [{"path": "Orson Scott Card/Ender's Game (1101)/Ender's Game - Orson Scott Card.epub", "format": "epub"}]}
{"id": 1102, "title": "Speaker for the Dead", "authors": ["Orson Scott Card"], "series": "Ender's Saga", "series_index": 2, "book_type": "book", "alt_titles": [], "language": "eng", "year": 1986, "files": [{"path": "Orson Scott Card/Speaker for the Dead (1102)/Speaker for the Dead - Orson Scott Card.epub", "format": "epub"}]}
{"id": 1103, "title": "And Then There Were None", "authors": ["Agatha Christie"], "series": null, "series_index": null, "book_type": "book", "alt_titles": [], "language": "eng", "year": 1939, "files": [{"path": "Agatha Christie/And Then There Were None (1103)/And Then There Were None - Agatha Christie.epub", "format": "epub"}]}
{"id": 501, "title": "Shatter Me", "authors": ["Tahereh Mafi"], "series": "Shatter Me", "series_index": 1, "book_type": "book", "alt_titles": [], "language": "eng", "year": 2011, "files": [{"path": "Tahereh Mafi/Shatter Me (501)/Shatter Me - Tahereh Mafi.epub", "format": "epub"}]}
{"id": 502, "title": "Destroy Me", "authors": ["Tahereh Mafi"], "series": "Shatter Me", "series_index": 1.5, "book_type": "book", "alt_titles": [], "language": "eng", "year": 2012, "files": [{"path": "Tahereh Mafi/Destroy Me (502)/Destroy Me - Tahereh Mafi.epub", "format": "epub"}]}
{"id": 503, "title": "Unravel Me", "authors": ["Tahereh Mafi"], "series": "Shatter Me", "series_index": 2, "book_type": "book", "alt_titles": [], "language": "eng", "year": 2013, "files": [{"path": "Tahereh Mafi/Unravel Me (503)/Unravel Me - Tahereh Mafi.epub", "format": "epub"}]}
{"id": 1211, "title": "Blade of the Immortal, Vol. 11", "authors": ["Hiroaki Samura"], "series": "Blade of the Immortal", "series_index": 11, "book_type": "manga", "alt_titles": ["Mugen no Juunin", "無限の住人"], "language": "eng", "year": 2002, "files": [{"path": "Hiroaki Samura/Blade of the Immortal, Vol. 11 (1211)/Blade of the Immortal, Vol. 11 - Hiroaki Samura.cbz", "format": "cbz"}]}
{"id": 901, "title": "Les Misérables", "authors": ["Victor Hugo"], "series": null, "series_index": null, "book_type": "book", "alt_titles": [], "language": "eng", "year": 1862, "files": [{"path": "Victor Hugo/Les Misérables (901)/Les Misérables - Victor Hugo.epub", "format": "epub"}]}
{"id": 902, "title": "The Count of Monte Cristo", "authors": ["Alexandre Dumas"], "series": null, "series_index": null, "book_type": "book", "alt_titles": ["Le Comte de Monte-Cristo"], "language": "eng", "year": 1844, "files": [{"path": "Alexandre Dumas/The Count of Monte Cristo (902)/The Count of Monte Cristo - Alexandre Dumas.epub", "format": "epub"}]}
{"id": 903, "title": "Crime and Punishment", "authors": ["Fyodor Dostoevsky"], "series": null, "series_index": null, "book_type": "book", "alt_titles": ["Преступление и наказание"], "language": "eng", "year": 1866, "files": [{"path": "Fyodor Dostoevsky/Crime and Punishment (903)/Crime and Punishment - Fyodor Dostoevsky.epub", "format": "epub"}]}
{"id": 601, "title": "2001: A Space Odyssey", "authors": ["Arthur C. Clarke"], "series": "Space Odyssey", "series_index": 1, "book_type": "book", "alt_titles": [], "language": "eng", "year": 1968, "files": [{"path": "Arthur C. Clarke/2001_ A Space Odyssey (601)/2001_ A Space Odyssey - Arthur C. Clarke.epub", "format": "epub"}]}
{"id": 602, "title": "2010: Odyssey Two", "authors": ["Arthur C. Clarke"], "series": "Space Odyssey", "series_index": 2, "book_type": "book", "alt_titles": [], "language": "eng", "year": 1982, "files": [{"path": "Arthur C. Clarke/2010_ Odyssey Two (602)/2010_ Odyssey Two - Arthur C. Clarke.epub", "format": "epub"}]}
{"id": 603, "title": "2061: Odyssey Three", "authors": ["Arthur C. Clarke"], "series": "Space Odyssey", "series_index": 3, "book_type": "book", "alt_titles": [], "language": "eng", "year": 1987, "files": [{"path": "Arthur C. Clarke/2061_ Odyssey Three (603)/2061_ Odyssey Three - Arthur C. Clarke.epub", "format": "epub"}]}
{"id": 9001, "title": "All Systems Red", "authors": ["Martha Wells"], "series": "The Murderbot Diaries", "series_index": 1, "book_type": "book", "alt_titles": [], "language": "eng", "year": 2017, "files": [{"path": "Martha Wells/All Systems Red (9001)/All Systems Red - Martha Wells.epub", "format": "epub"}]}
{"id": 9002, "title": "Artificial Condition", "authors": ["Martha Wells"], "series": "The Murderbot Diaries", "series_index": 2, "book_type": "book", "alt_titles": [], "language": "eng", "year": 2018, "files": [{"path": "Martha Wells/Artificial Condition (9002)/Artificial Condition - Martha Wells.epub", "format": "epub"}]}
{"id": 9003, "title": "Rogue Protocol", "authors": ["Martha Wells"], "series": "The Murderbot Diaries", "series_index": 3, "book_type": "book", "alt_titles": [], "language": "eng", "year": 2018, "files": [{"path": "Martha Wells/Rogue Protocol (9003)/Rogue Protocol - Martha Wells.epub", "format": "epub"}]}
{"id": 301, "title": "Twilight", "authors": ["Stephenie Meyer"], "series": "The Twilight Saga", "series_index": 1, "book_type": "book", "alt_titles": [], "language": "eng", "year": 2005, "files": [{"path": "Stephenie Meyer/Twilight (301)/Twilight - Stephenie Meyer.epub", "format": "epub"}]}
{"id": 302, "title": "New Moon", "authors": ["Stephenie Meyer"], "series": "The Twilight Saga", "series_index": 2, "book_type": "book", "alt_titles": [], "language": "eng", "year": 2006, "files": [{"path": "Stephenie Meyer/New Moon (302)/New Moon - Stephenie Meyer.epub", "format": "epub"}]}
{"id": 303, "title": "Twilight", "authors": ["Meg Cabot"], "series": "The Mediator", "series_index": 6, "book_type": "book", "alt_titles": [], "language": "eng", "year": 2005, "files": [{"path": "Meg Cabot/Twilight (303)/Twilight - Meg Cabot.epub", "format": "epub"}]}
{"id": 17, "title": "Spice and Wolf", "authors": ["Isuna Hasekura"], "series": "Spice and Wolf", "series_index": 1, "book_type": "light_novel", "alt_titles": ["狼と香辛料"], "language": "eng", "year": 2009, "files": [{"path": "Isuna Hasekura/Spice and Wolf (17)/Spice and Wolf - Isuna Hasekura.epub", "format": "epub"}]}
{"id": 23, "title": "Spice and Wolf", "authors": ["Isuna Hasekura"], "series": "Spice and Wolf", "series_index": 2, "book_type": "light_novel", "alt_titles": ["狼と香辛料II"], "language": "eng", "year": 2009, "files": [{"path": "Isuna Hasekura/Spice and Wolf (23)/Spice and Wolf - Isuna Hasekura.epub", "format": "epub"}]}
{"id": 31, "title": "Spice and Wolf", "authors": ["Isuna Hasekura"], "series": "Spice and Wolf", "series_index": 3, "book_type": "light_novel", "alt_titles": ["狼と香辛料III"], "language": "eng", "year": 2010, "files": [{"path": "Isuna Hasekura/Spice and Wolf (31)/Spice and Wolf - Isuna Hasekura.epub", "format": "epub"}]}
{"id": 1301, "title": "1984", "authors": ["George Orwell"], "series": null, "series_index": null, "book_type": "book", "alt_titles": ["Nineteen Eighty-Four"], "language": "eng", "year": 1949, "files": [{"path": "George Orwell/1984 (1301)/1984 - George Orwell.epub", "format": "epub"}]}
{"id": 1302, "title": "Neuromancer", "authors": ["William Gibson"], "series": "Sprawl", "series_index": 1, "book_type": "book", "alt_titles": [], "language": "eng", "year": 1984, "files": [{"path": "William Gibson/Neuromancer (1302)/Neuromancer - William Gibson.epub", "format": "epub"}]}
{"id": 1303, "title": "Count Zero", "authors": ["William Gibson"], "series": "Sprawl", "series_index": 2, "book_type": "book", "alt_titles": [], "language": "eng", "year": 1986, "files": [{"path": "William Gibson/Count Zero (1303)/Count Zero - William Gibson.epub", "format": "epub"}]}
{"id": 101, "title": "The Hunger Games", "authors": ["Suzanne Collins"], "series": "The Hunger Games", "series_index": 1, "book_type": "book", "alt_titles": [], "language": "eng", "year": 2008, "files": [{"path": "Suzanne Collins/The Hunger Games (101)/The Hunger Games - Suzanne Collins.epub", "format": "epub"}]}
{"id": 102, "title": "Catching Fire", "authors": ["Suzanne Collins"], "series": "The Hunger Games", "series_index": 2, "book_type": "book", "alt_titles": [], "language": "eng", "year": 2009, "files": [{"path": "Suzanne Collins/Catching Fire (102)/Catching Fire - Suzanne Collins.epub", "format": "epub"}]}
{"id": 103, "title": "Mockingjay", "authors": ["Suzanne Collins"], "series": "The Hunger Games", "series_index": 3, "book_type": "book", "alt_titles": [], "language": "eng", "year": 2010, "files": [{"path": "Suzanne Collins/Mockingjay (103)/Mockingjay - Suzanne Collins.epub", "format": "epub"}]}
{"id": 201, "title": "It", "authors": ["Stephen King"], "series": null, "series_index": null, "book_type": "book", "alt_titles": [], "language": "eng", "year": 1986, "files": [{"path": "Stephen King/It (201)/It - Stephen King.epub", "format": "epub"}]}
{"id": 202, "title": "It Ends with Us", "authors": ["Colleen Hoover"], "series": "It Ends with Us", "series_index": 1, "book_type": "book", "alt_titles": [], "language": "eng", "year": 2016, "files": [{"path": "Colleen Hoover/It Ends with Us (202)/It Ends with Us - Colleen Hoover.epub", "format": "epub"}]}
{"id": 203, "title": "It Starts with Us", "authors": ["Colleen Hoover"], "series": "It Ends with Us", "series_index": 2, "book_type": "book", "alt_titles": [], "language": "eng", "year": 2022, "files": [{"path": "Colleen Hoover/It Starts with Us (203)/It Starts with Us - Colleen Hoover.epub", "format": "epub"}]}
"""#

private let folder: String = {
    let base = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm/" : NSTemporaryDirectory()
    let path = base + "tome-fuzz-resolver-\(getpid())"
    try? FileManager.default.removeItem(atPath: path)
    try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}()

private let (resolver, ids): (Resolver, Set<Int64>) = {
    let jsonl = folder + "/books.jsonl"
    _ = FileManager.default.createFile(atPath: jsonl, contents: Data(books.utf8))
    do {
        let catalog = try Catalog.open(path: folder + "/catalog.sqlite", create: true)
        var source = try JSONLinesSource(path: jsonl)
        let summary = try catalog.importBooks(from: &source)
        guard summary.added == 46 else { fatalError("the fuzz catalog has \(summary)") }
        let ids = Set(try catalog.allBooks().map(\.book.id))
        atexit {
            let base = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm/" : NSTemporaryDirectory()
            try? FileManager.default.removeItem(atPath: base + "tome-fuzz-resolver-\(getpid())")
        }
        return (Resolver(catalog: catalog), ids)
    } catch {
        fatalError("cannot build the fuzz catalog: \(error)")
    }
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzResolver(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: data == nil ? 0 : size)
    var koMD5: String?
    var nameBytes = bytes[...]
    if let tab = bytes.firstIndex(of: 0x0B) {
        koMD5 = String(decoding: bytes[..<tab], as: UTF8.self)
        nameBytes = bytes[(tab + 1)...]
    }
    let name = String(decoding: nameBytes, as: UTF8.self)
    let plain = resolve(name, koMD5: koMD5, explain: false)
    check(plain, name)
    if size % 4 == 0 {
        let explained = resolve(name, koMD5: koMD5, explain: true)
        check(explained, name)
        guard explained.bookID == plain.bookID, explained.refusal == plain.refusal, explained.method == plain.method else {
            fail("explain changed the decision: \(describe(plain)) → \(describe(explained))", name)
        }
        if NameCheck.problem(in: name) == nil, explained.explanation == nil {
            fail("explain: true gave no explanation", name)
        }
        do {
            _ = try WireJSON.encoder.encode(ResolutionReport(explained))
        } catch {
            fail("the ResolutionReport does not encode: \(error)", name)
        }
    }
    return 0
}

private func fail(_ what: String, _ name: String) -> Never {
    fatalError("\(what) — name \(name.debugDescription) (\(name.utf8.count) bytes)")
}

private func describe(_ r: Resolution) -> String {
    "book \(String(describing: r.bookID)) method \(r.method) refusal \(String(describing: r.refusal)) (\(r.reason))"
}

private func resolve(_ name: String, koMD5: String?, explain: Bool) -> Resolution {
    do {
        return try resolver.resolve(name, koMD5: koMD5, explain: explain)
    } catch {
        fail("resolve threw \(error)", name)
    }
}

private func check(_ r: Resolution, _ name: String) {
    guard r.filename.utf8.elementsEqual(name.utf8) else { fail("the resolution's filename is not the name", name) }
    guard r.confidence.isFinite, r.confidence >= 0, r.confidence <= 1 else { fail("confidence \(r.confidence)", name) }
    if let id = r.bookID {
        guard ids.contains(id) else { fail("answered book \(id), which the catalog does not have", name) }
        guard r.refusal == nil else { fail("answered book \(id) with a refusal \(String(describing: r.refusal))", name) }
    } else {
        guard r.refusal != nil else { fail("neither a book nor a refusal: \(describe(r))", name) }
    }
    guard !r.reason.isEmpty else { fail("no reason: \(describe(r))", name) }
    if let problem = NameCheck.problem(in: name), r.refusal != problem.refusal {
        fail("NameCheck refuses (\(problem)) but the resolver said \(describe(r))", name)
    }
}

/// The program's entry point: libFuzzer's driver, with this file's callback.
@main
enum Main {
    static func main() {
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv, fuzzResolver))
    }
}
