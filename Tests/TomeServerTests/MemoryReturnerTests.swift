import Foundation
import Testing
@testable import TomeServer

#if canImport(Glibc)
import Glibc
#endif

@Suite("The server gives freed heap memory back")
struct MemoryReturnerTests {
    /// Memory freed in the middle of the heap stays with the process (glibc
    /// returns only a free top of the heap by itself); ``MemoryReturner``'s
    /// trim gives it back, and the process's anonymous RSS falls.
    @Test func freedMemoryInTheMiddleOfTheHeapIsReturned() throws {
        #if canImport(Glibc)
        let size = 4000, count = 24_000  // ~96 MB in blocks below mmap's threshold
        var blocks: [UnsafeMutableRawPointer] = []
        blocks.reserveCapacity(count)
        for _ in 0..<count {
            let block = try #require(malloc(size))
            memset(block, 1, size)
            blocks.append(block)
        }
        // The last block stays: the free memory is not at the heap's top.
        for block in blocks.dropLast() { free(block) }
        defer { free(blocks[blocks.count - 1]) }
        let before = try #require(Self.anonymousRSS())
        #expect(MemoryReturner.trim())
        let after = try #require(Self.anonymousRSS())
        #expect(before - after > 48 << 20, "RssAnon \(before >> 20) MiB before the trim, \(after >> 20) MiB after")
        #endif
    }

    /// The process's `RssAnon`, in bytes.
    static func anonymousRSS() -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        for line in status.split(separator: "\n") where line.hasPrefix("RssAnon:") {
            return line.split(separator: " ").dropFirst().first.flatMap { Int($0) }.map { $0 * 1024 }
        }
        return nil
    }
}
