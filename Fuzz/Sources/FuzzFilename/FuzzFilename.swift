// libFuzzer target: the filename reader.
//
// Each input's bytes become a filename the way every way in makes one:
// `String(decoding:as:)` (invalid UTF-8 becomes U+FFFD, as the HTTP layer's
// percent-decoding and the CLI's arguments do). Then:
// - `NameCheck.problem(in:)` must agree with its own definition (bytes,
//   NUL, whitespace);
// - `FilenameLexer.tokens(in:)` over the whole name, with and without
//   groups: every token's span lies inside the name, in order;
// - `FilenameReader.read` of the name and `readTitle` of it (what an import
//   does with a catalog title): the evidence keeps the name as given, every
//   span lies inside it, every number is finite, a range of volumes is no
//   volume, and (for a quarter of the inputs: it costs as much as the
//   reading) `EvidenceReport`, what `tome-resolve parse --json` prints,
//   encodes to JSON.
// A violated property is a crash (`fatalError`), which libFuzzer reports.
import CFuzzDriver
import Foundation
import TomeFilename
import TomeNormalization
import TomeResolver

private let reader = FilenameReader()
private let encoder: JSONEncoder = {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return encoder
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFilename(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: data == nil ? 0 : size)
    let name = String(decoding: bytes, as: UTF8.self)
    checkNameCheck(name)
    checkLexer(name)
    check(reader.read(name), of: name, what: "read")
    check(reader.readTitle(name), of: nil, what: "readTitle")
    return 0
}

private func fail(_ what: String, _ name: String) -> Never {
    fatalError("\(what) — name \(name.debugDescription) (\(name.utf8.count) bytes)")
}

/// NameCheck says what its documentation says, in its order.
private func checkNameCheck(_ name: String) {
    let problem = NameCheck.problem(in: name)
    let expected: NameCheck.Problem?
    if name.utf8.count > NameCheck.maximumBytes {
        expected = .tooLong(bytes: name.utf8.count)
    } else if name.utf8.contains(0) {
        expected = .containsNUL
    } else if name.allSatisfy(\.isWhitespace) {
        expected = .empty
    } else {
        expected = nil
    }
    guard problem == expected else { fail("NameCheck said \(String(describing: problem)), expected \(String(describing: expected))", name) }
    if let problem {
        guard !problem.description.isEmpty, !problem.detail(field: "filename").isEmpty else { fail("NameCheck: empty text", name) }
    }
}

/// Tokens cover the name in order, inside its bytes.
private func checkLexer(_ name: String) {
    let length = name.utf8.count
    for groups in [true, false] {
        var last = 0
        for token in FilenameLexer.tokens(in: name[...], groups: groups) {
            let span = token.span
            guard span.start >= last, span.start <= span.end, span.end <= length else {
                fail("lexer (groups \(groups)): span \(span) after \(last) of \(length) for \(token.text.debugDescription)", name)
            }
            if let inner = token.innerSpan, !(inner.start >= span.start && inner.start <= inner.end && inner.end <= span.end) {
                fail("lexer: inner span \(inner) outside \(span)", name)
            }
            last = span.start
        }
    }
}

/// The evidence's promises, for the name it was read from.
private func check(_ evidence: FilenameEvidence, of name: String?, what: String) {
    let length = evidence.filename.utf8.count
    let shown = name ?? evidence.filename
    if let name, !evidence.filename.utf8.elementsEqual(name.utf8) {
        fail("\(what): the evidence's filename is not the name as given", shown)
    }
    func inside(_ span: TextSpan, _ label: String) {
        guard span.start >= 0, span.start <= span.end, span.end <= length else {
            fail("\(what): \(label) span \(span) outside 0..<\(length)", shown)
        }
    }
    for segment in evidence.segments { inside(segment.span, "segment \(segment.text.debugDescription)") }
    for author in evidence.authors { inside(author.span, "author \(author.name.debugDescription)") }
    for finding in evidence.findings { inside(finding.span, "finding \(finding)") }
    if let range = evidence.volumeRange, !(range.lowerBound.isFinite && range.upperBound.isFinite) {
        fail("\(what): volume range \(range) is not finite", shown)
    }
    if let range = evidence.chapterRange, !(range.lowerBound.isFinite && range.upperBound.isFinite) {
        fail("\(what): chapter range \(range) is not finite", shown)
    }
    if evidence.volume != nil && evidence.volumeRange != nil {
        fail("\(what): both a volume and a range of volumes", shown)
    }
    // JSON has no infinity nor NaN: every number must be finite, or
    // `parse --json` cannot print the evidence.
    let numbers = [evidence.volume, evidence.run, evidence.chapter, evidence.trailingNumber, evidence.bracketedNumber]
        + evidence.findings.map(\.value)
    for case let number? in numbers where !number.isFinite { fail("\(what): a number is \(number)", shown) }
    if evidence.filename.utf8.count % 4 == 0 {  // a quarter of the inputs: encoding costs as much as reading
        do {
            _ = try encoder.encode(EvidenceReport(evidence))
        } catch {
            fail("\(what): EvidenceReport does not encode: \(error)", shown)
        }
    }
}

/// The program's entry point: libFuzzer's driver, with this file's callback.
@main
enum Main {
    static func main() {
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv, fuzzFilename))
    }
}
