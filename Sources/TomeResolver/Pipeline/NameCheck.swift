/// The one check every way in applies to a filename before reading it: the
/// resolver, the CLI and both HTTP routes.
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

    /// What is wrong with a name.
    public enum Problem: Sendable, Hashable, CustomStringConvertible {
        /// Empty, or only whitespace.
        case empty
        /// Longer than ``NameCheck/maximumBytes`` bytes of UTF-8.
        case tooLong(bytes: Int)
        /// Holds a NUL, which no filesystem allows in a name.
        case containsNUL

        /// The refusal a resolver gives for it.
        public var refusal: RefusalCode {
            switch self {
            case .empty: .emptyName
            case .tooLong: .nameTooLong
            case .containsNUL: .invalidName
            }
        }

        /// The problem said of a request field: `filename is empty`.
        public func detail(field: String) -> String {
            switch self {
            case .empty: "\(field) is empty"
            case .tooLong: "\(field) is longer than \(NameCheck.maximumBytes) bytes"
            case .containsNUL: "\(field) contains a NUL character"
            }
        }

        public var description: String {
            switch self {
            case .empty: "empty filename"
            case .tooLong: "the name is longer than \(NameCheck.maximumBytes) bytes"
            case .containsNUL: "the name contains a NUL character"
            }
        }
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
