import Crypto

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// KOReader's partial MD5 (`ko_md5`), which identifies a file without
/// reading all of it.
///
/// The MD5 of 1 KiB samples read at offset 0 and then at `1024 << 2i` for
/// i = 0…10 (1 KiB, 4 KiB, 16 KiB … 1 GiB), stopping at the first offset at
/// or past the end of the file; a short last sample still counts. This is
/// what KOReader computes with LuaJIT's `bit.lshift` (whose shift by -2
/// wraps to offset 0), so a device and the catalog agree on every file.
public enum KOReaderDigest {
    /// True when `text` has the form of a partial MD5: exactly 32 ASCII
    /// hexadecimal digits, in either case (a device may send upper case;
    /// the catalog stores lower case). The one check every reader of a
    /// `ko_md5` uses: imports, the resolver, the HTTP routes and the CLI.
    public static func isPartialMD5(_ text: String) -> Bool {
        text.utf8.count == 32 && text.utf8.allSatisfy {
            ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x41 && $0 <= 0x46) || ($0 >= 0x61 && $0 <= 0x66)
        }
    }

    /// The sample offsets, in reading order.
    public static let offsets: [Int64] = [0] + (0...10).map { Int64(1024) << (2 * $0) }

    /// The partial MD5 of the file at `path`, as 32 lowercase hex digits.
    public static func partialMD5(ofFileAt path: String) throws(ImportError) -> String {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else {
            throw .unreadableSource(path: path, reason: String(cString: strerror(errno)))
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            throw .unreadableSource(path: path, reason: String(cString: strerror(errno)))
        }
        let size = Int64(info.st_size)
        var md5 = Insecure.MD5()
        var buffer = [UInt8](repeating: 0, count: 1024)
        for offset in offsets {
            guard offset < size else { break }
            let count = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, 1024, off_t(offset)) }
            guard count >= 0 else {
                throw .unreadableSource(path: path, reason: String(cString: strerror(errno)))
            }
            if count == 0 { break }
            md5.update(data: buffer[0..<count])
        }
        return md5.finalize().map { String(format2: $0) }.joined()
    }

    /// The partial MD5 of bytes in memory (for tests and tools).
    public static func partialMD5(of bytes: [UInt8]) -> String {
        var md5 = Insecure.MD5()
        for offset in offsets {
            guard offset < Int64(bytes.count) else { break }
            let start = Int(offset)
            md5.update(data: bytes[start..<min(start + 1024, bytes.count)])
        }
        return md5.finalize().map { String(format2: $0) }.joined()
    }
}

extension String {
    /// Two lowercase hex digits.
    init(format2 byte: UInt8) {
        let digits = Array("0123456789abcdef")
        self.init([digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]])
    }
}
