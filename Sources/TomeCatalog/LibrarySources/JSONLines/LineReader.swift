#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Cuts a stream of bytes into lines, in memory bounded by the longest line
/// it accepts.
///
/// It reads the stream in chunks into one buffer of `limit + chunk` bytes,
/// allocated once. A line of at most `limit` bytes (its newline excluded)
/// is handed out from that buffer; a longer one is never kept: once the
/// bytes held pass `limit` without a newline, the reader drops them and
/// reads on to the next newline, only counting, and hands out the line's
/// length. So a 1 GB line costs the same memory as a 1 MiB one.
///
/// ```swift
/// let reader = LineReader(limit: 1 << 20) { buffer in read(fd, buffer.baseAddress, buffer.count) }
/// while let line = reader.next() {
///     switch line {
///     case .text(let bytes): print(bytes.count)        // valid until the next call
///     case .tooLong(let bytes): print("\(bytes) bytes: too long")
///     }
/// }
/// ```
final class LineReader {
    /// One line of the stream.
    enum Line {
        /// The line's bytes, without the newline; valid until the next
        /// call of ``LineReader/next()``.
        case text(UnsafeBufferPointer<UInt8>)
        /// A line longer than ``LineReader/limit``: its length in bytes,
        /// newline excluded. Its bytes were counted, not kept.
        case tooLong(bytes: Int)
    }

    /// The most bytes of a line handed out as ``Line/text(_:)``.
    let limit: Int
    /// The bytes the buffer holds: `limit` plus one chunk, fixed.
    let capacity: Int
    /// The most bytes the buffer ever held at once (never over ``capacity``).
    private(set) var mostHeld = 0
    /// Whether the stream reported an error (the reader then ends).
    private(set) var failed = false

    private let buffer: UnsafeMutablePointer<UInt8>
    /// The bytes held and not yet handed out: `start..<end`.
    private var start = 0
    private var end = 0
    /// Bytes in `start..<scanned` hold no newline.
    private var scanned = 0
    private var atEnd = false
    private let read: (UnsafeMutableRawBufferPointer) -> Int

    /// - Parameters:
    ///   - limit: the most bytes of a line (newline excluded).
    ///   - chunk: the fewest bytes asked of `read` at a time.
    ///   - read: fills the start of the buffer it is given and returns how
    ///     many bytes it wrote: 0 at the end of the stream, negative on an
    ///     error.
    init(limit: Int, chunk: Int = 65_536, read: @escaping (UnsafeMutableRawBufferPointer) -> Int) {
        self.limit = limit
        self.capacity = limit + max(chunk, 1)
        self.read = read
        buffer = .allocate(capacity: capacity)
    }

    deinit { buffer.deallocate() }

    /// The next line, or nil at the end of the stream (or after an error:
    /// see ``failed``). A last line without a newline is a line, unless
    /// the stream failed there.
    func next() -> Line? {
        while true {
            if let newline = findNewline(from: scanned) {
                let length = newline - start
                let line = UnsafeBufferPointer(start: UnsafePointer(buffer + start), count: length)
                start = newline + 1
                scanned = start
                return length > limit ? .tooLong(bytes: length) : .text(line)
            }
            scanned = end
            if end - start > limit { return skipLine(counted: end - start) }
            if atEnd {
                // After a read error, a line cut short is no line.
                guard start < end, !failed else { return nil }
                let line = UnsafeBufferPointer(start: UnsafePointer(buffer + start), count: end - start)
                start = end
                scanned = end
                return .text(line)
            }
            fill()
        }
    }

    /// The offset of the first newline in `from..<end`.
    private func findNewline(from offset: Int) -> Int? {
        guard offset < end, let found = memchr(buffer + offset, 0x0A, end - offset) else { return nil }
        return buffer.distance(to: found.assumingMemoryBound(to: UInt8.self))
    }

    /// Moves the held bytes to the front and reads after them: at least a
    /// chunk's room, as `end - start` never passes `limit` here.
    private func fill() {
        if start > 0 {
            let held = end - start
            if held > 0 { memmove(buffer, buffer + start, held) }
            end = held
            scanned -= start
            start = 0
        }
        let count = read(UnsafeMutableRawBufferPointer(start: buffer + end, count: capacity - end))
        if count <= 0 {
            atEnd = true
            failed = count < 0
        } else {
            end += count
            mostHeld = max(mostHeld, end)
        }
    }

    /// Drops the held bytes of an overlong line (`counted` of them) and reads
    /// on to its newline, counting; what follows the newline stays held.
    private func skipLine(counted: Int) -> Line {
        var counted = counted
        start = 0
        end = 0
        scanned = 0
        while !atEnd {
            fill()
            if let newline = findNewline(from: 0) {
                counted += newline
                start = newline + 1
                scanned = start
                return .tooLong(bytes: counted)
            }
            counted += end
            end = 0
        }
        return .tooLong(bytes: counted)
    }
}
