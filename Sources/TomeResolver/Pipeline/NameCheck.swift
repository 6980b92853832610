import TomeFilename

/// The one check every way in applies to a filename before reading it: the
/// resolver, the CLI and both HTTP routes; and, once the resolver has read
/// it, the bound on how much lookup one name may cause.
///
/// ```swift
/// NameCheck.problem(in: "   ")          // .empty
/// NameCheck.problem(in: "Dune\u{0}.epub") // .containsNUL
/// NameCheck.problem(in: "Dune.epub")     // nil
/// ```
public enum NameCheck {
    /// No filesystem allows more (255 bytes per name, 4 KiB per path): a
    /// longer "name" is not a file's, and reading it would only cost time.
    public static let maximumBytes = 4096

    /// The most title parts (separated by ` - `, ` -- `, …) a name may have
    /// to be looked up: no name of the corpora has more than 8 (Anna's
    /// Archive's `Title -- Author -- Place, Year -- Publisher -- ISBN --
    /// hash -- Anna's Archive`). Each part is a key to look up and, when
    /// the whole name finds little, a full-text query of its own.
    public static let maximumParts = 16

    /// The most title words a name may have to be looked up: no name of the
    /// corpora has more than 44; a 255-byte file name with more than 96
    /// is mostly one-letter words. Scoring costs grow with the words.
    public static let maximumWords = 96

    /// What is wrong with a name.
    public enum Problem: Sendable, Hashable, CustomStringConvertible {
        /// Empty, or only whitespace.
        case empty
        /// Longer than ``NameCheck/maximumBytes`` bytes of UTF-8.
        case tooLong(bytes: Int)
        /// Holds a NUL, which no filesystem allows in a name.
        case containsNUL
        /// Read, it has more title parts than ``NameCheck/maximumParts``.
        case tooManyParts(Int)
        /// Read, it has more title words than ``NameCheck/maximumWords``.
        case tooManyWords(Int)

        /// The refusal a resolver gives for it.
        public var refusal: RefusalCode {
            switch self {
            case .empty: .emptyName
            case .tooLong: .nameTooLong
            case .containsNUL: .invalidName
            case .tooManyParts, .tooManyWords: .nameTooComplex
            }
        }

        /// The problem said of a request field: `filename is empty`.
        public func detail(field: String) -> String {
            switch self {
            case .empty: "\(field) is empty"
            case .tooLong: "\(field) is longer than \(NameCheck.maximumBytes) bytes"
            case .containsNUL: "\(field) contains a NUL character"
            case .tooManyParts(let count): "\(field) has \(count) title parts, more than \(NameCheck.maximumParts)"
            case .tooManyWords(let count): "\(field) has \(count) title words, more than \(NameCheck.maximumWords)"
            }
        }

        public var description: String {
            switch self {
            case .empty: "empty filename"
            case .tooLong: "the name is longer than \(NameCheck.maximumBytes) bytes"
            case .containsNUL: "the name contains a NUL character"
            case .tooManyParts(let count):
                "the name has \(count) title parts, more than any file's name (at most \(NameCheck.maximumParts) are looked up)"
            case .tooManyWords(let count):
                "the name has \(count) title words, more than any file's name (at most \(NameCheck.maximumWords) are looked up)"
            }
        }
    }

    /// The first problem with a name once read (``problem(in:)`` passed):
    /// more title parts or words than any file's name has. Such a name is
    /// refused before any lookup — the bound on the work one name may cause.
    public static func problem(in evidence: FilenameEvidence) -> Problem? {
        if evidence.segments.count > maximumParts { return .tooManyParts(evidence.segments.count) }
        let words = evidence.segments.reduce(0) { $0 + $1.tokens.count }
        if words > maximumWords { return .tooManyWords(words) }
        return nil
    }

    /// The first problem with `name`, or nil when it may be read.
    public static func problem(in name: String) -> Problem? {
        let bytes = name.utf8.count
        if bytes > maximumBytes { return .tooLong(bytes: bytes) }
        if name.utf8.contains(0) { return .containsNUL }
        if name.allSatisfy(\.isWhitespace) { return .empty }
        return nil
    }
}
