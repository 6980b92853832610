import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A one-line progress display on standard error, shown only on a terminal
/// (quiet in pipes, logs and CI) and only once the work has run for more
/// than a moment: a quick command prints nothing but its result.
class TerminalProgress {
    private let started = Date()
    private let enabled = isatty(2) == 1
    private var shown = false
    private var lastDraw = Date.distantPast
    /// Seconds before anything is drawn.
    let delay: TimeInterval

    init(delay: TimeInterval = 1) {
        self.delay = delay
    }

    /// Draws `line` (at most ten times a second, after ``delay``).
    func draw(_ line: @autoclosure () -> String) {
        guard enabled else { return }
        let now = Date()
        guard now.timeIntervalSince(started) > delay, now.timeIntervalSince(lastDraw) > 0.1 else { return }
        lastDraw = now
        shown = true
        FileHandle.standardError.write(Data("\r\u{1B}[2K  \(line())".utf8))
    }

    var elapsed: TimeInterval { Date().timeIntervalSince(started) }

    /// Clears the line, if one was drawn.
    func finish() {
        if shown { FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8)) }
    }
}

/// An import's progress: books read, and the rate.
final class ImportProgress: TerminalProgress {
    init() { super.init(delay: 0.7) }

    func update(_ count: Int) {
        draw("importing… \(count) books (\(Int(Double(count) / max(self.elapsed, 0.001)))/s)")
    }
}

/// Steps of a longer command (`eval`): what it is doing now.
final class StepProgress: TerminalProgress {
    func show(_ step: String) { draw(step) }
}
