import Testing
@testable import TomeCatalog

/// `LineReader` cuts a stream into lines in memory bounded by its limit:
/// an overlong line is counted, never held.
@Suite("Line reader")
struct LineReaderTests {
    /// A stream made of pieces, some of them generated (`count` copies of
    /// one byte), handed out at most `most` bytes per read.
    final class Stream {
        var pieces: [(byte: UInt8, count: Int)]
        let most: Int
        private(set) var delivered = 0

        init(_ pieces: [(UInt8, Int)], most: Int = .max) {
            self.pieces = pieces.map { (byte: $0.0, count: $0.1) }
            self.most = most
        }

        /// Bytes of `text`, one piece each.
        static func text(_ text: String) -> [(UInt8, Int)] { text.utf8.map { ($0, 1) } }

        func read(_ buffer: UnsafeMutableRawBufferPointer) -> Int {
            var written = 0
            while written < min(buffer.count, most), !pieces.isEmpty {
                let n = min(pieces[0].count, min(buffer.count, most) - written)
                buffer.baseAddress!.advanced(by: written).initializeMemory(as: UInt8.self, repeating: pieces[0].byte, count: n)
                written += n
                pieces[0].count -= n
                if pieces[0].count == 0 { pieces.removeFirst() }
            }
            delivered += written
            return written
        }
    }

    enum Got: Equatable {
        case text(String)
        case tooLong(Int)
    }

    static func lines(_ reader: LineReader) -> [Got] {
        var got: [Got] = []
        while let line = reader.next() {
            switch line {
            case .text(let bytes): got.append(.text(String(decoding: bytes, as: UTF8.self)))
            case .tooLong(let bytes): got.append(.tooLong(bytes))
            }
        }
        return got
    }

    /// A 10 MB line with a limit of 4 KiB: reported with its exact length,
    /// the lines around it read whole, and the reader never held more than
    /// its limit plus one chunk — the old `getline` reader held the whole
    /// line (a 100 MB title took 9.75 GB at its peak).
    @Test func anOverlongLineIsCountedNotHeld() {
        let stream = Stream(Stream.text("first\n") + [(UInt8(ascii: "x"), 10_000_000)] + Stream.text("\n{\"id\": 1}\nlast"))
        let reader = LineReader(limit: 4096, chunk: 512, read: stream.read)
        #expect(Self.lines(reader) == [.text("first"), .tooLong(10_000_000), .text("{\"id\": 1}"), .text("last")])
        #expect(stream.delivered == 10_000_000 + 21)
        #expect(reader.capacity == 4096 + 512)
        #expect(reader.mostHeld <= reader.capacity)
        #expect(!reader.failed)
    }

    /// A line of exactly the limit is a line; one byte more is too long,
    /// whether it ends in the buffer or past it, and at the end of the stream.
    @Test func theLimitItselfIsALine() {
        let x = UInt8(ascii: "x"), newline = UInt8(ascii: "\n")
        for most in [1, 7, 100, 5000, Int.max] {
            let stream = Stream([(x, 100), (newline, 1), (x, 101), (newline, 1), (x, 99), (newline, 1), (x, 101)], most: most)
            let reader = LineReader(limit: 100, chunk: 16, read: stream.read)
            let expected: [Got] = [.text(String(repeating: "x", count: 100)), .tooLong(101),
                                   .text(String(repeating: "x", count: 99)), .tooLong(101)]
            #expect(Self.lines(reader) == expected, "reads of at most \(most) bytes")
            #expect(reader.mostHeld <= 116)
        }
    }

    /// Random lines, read in random pieces, come out as splitting the whole
    /// text would give them: blank lines, a last line without a newline.
    @Test func randomLinesMatchASplit() {
        var random = SplitMix(seed: 22)
        for _ in 0..<200 {
            let limit = Int(random.next() % 64) + 1
            var lines: [String] = []
            for _ in 0..<Int(random.next() % 20) {
                lines.append(String(repeating: "a", count: Int(random.next() % UInt64(limit * 2))))
            }
            let endsWithNewline = random.next() % 2 == 0
            let text = lines.joined(separator: "\n") + (endsWithNewline && !lines.isEmpty ? "\n" : "")
            let stream = Stream(Stream.text(text), most: Int(random.next() % 50) + 1)
            let reader = LineReader(limit: limit, chunk: Int(random.next() % 8) + 1, read: stream.read)
            var expected = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            if text.hasSuffix("\n") || text.isEmpty { expected.removeLast() }
            let got = Self.lines(reader)
            #expect(got == expected.map { $0.utf8.count > limit ? .tooLong($0.utf8.count) : .text($0) }, "\(lines.map(\.count)), limit \(limit)")
            #expect(reader.mostHeld <= reader.capacity)
        }
    }

    /// A read error ends the lines and says so; the line it cut short is
    /// not handed out.
    @Test func aReadErrorEndsTheLines() {
        var calls = 0
        let reader = LineReader(limit: 100, chunk: 16) { buffer in
            calls += 1
            guard calls == 1 else { return -1 }
            let bytes = Array("one\ntw".utf8)
            buffer.copyBytes(from: bytes)
            return bytes.count
        }
        #expect(Self.lines(reader) == [.text("one")])
        #expect(reader.failed)
    }
}

/// A small deterministic generator for the random tests.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
