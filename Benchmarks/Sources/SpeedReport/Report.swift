// The markdown tables SpeedReport prints.

import Foundation

struct UsageError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

enum Format {
    /// 10000 → "10k", 1000000 → "1M", 12345 → "12,345".
    static func books(_ n: Int) -> String {
        if n >= 1_000_000, n % 1_000_000 == 0 { return "\(n / 1_000_000)M" }
        if n >= 1_000, n % 1_000 == 0 { return "\(n / 1_000)k" }
        return grouped(n)
    }

    static func grouped(_ n: Int) -> String {
        let digits = String(n)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out += "," }
            out.append(c)
        }
        return out
    }

    /// Microseconds: `7.4 µs`, `183 µs`, `1.27 ms`.
    static func micros(_ us: Double) -> String {
        if us < 10 { return String(format: "%.1f µs", us) }
        if us < 1000 { return String(format: "%.0f µs", us) }
        return String(format: "%.2f ms", us / 1000)
    }

    static func ratio(_ a: Double, _ b: Double) -> String {
        b > 0 ? String(format: "%.2f", a / b) : "–"
    }

    static func percent(_ part: Int, _ whole: Int) -> String {
        whole > 0 ? String(format: "%.0f %%", 100 * Double(part) / Double(whole)) : "–"
    }
}

/// p50, p99 and mean of nanosecond samples, in microseconds.
struct Summary {
    var p50 = 0.0, p99 = 0.0, mean = 0.0, count = 0

    init(_ nanos: [UInt64]) {
        guard !nanos.isEmpty else { return }
        let sorted = nanos.sorted()
        func at(_ p: Double) -> Double {
            Double(sorted[min(sorted.count - 1, Int((Double(sorted.count - 1) * p).rounded()))]) / 1000
        }
        p50 = at(0.5)
        p99 = at(0.99)
        mean = Double(sorted.reduce(0, +)) / Double(sorted.count) / 1000
        count = sorted.count
    }
}

enum Report {
    static func render(_ measurements: [Measurement]) -> String {
        var out = """
            | catalog | books | names | resolved | names without FTS / with FTS | resolve p50 | resolve p99 | floor p50 | floor p99 | resolve÷floor (p50) | resolve÷floor (mean) | samples |
            |---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|

            """
        for m in measurements {
            let r = Summary(m.resolveNanos), f = Summary(m.floorNanos)
            let fts = m.outcomes.filter(\.usedFTS).count
            let split = m.traced ? "\(Format.grouped(m.names.count - fts)) / \(Format.grouped(fts))" : "?"
            let resolved = m.outcomes.filter(\.resolved).count
            out += "| \(m.spec.label) | \(Format.grouped(m.spec.books)) | \(Format.grouped(m.names.count)) "
            out += "| \(Format.percent(resolved, m.names.count)) | \(split) "
            out += "| **\(Format.micros(r.p50))** | **\(Format.micros(r.p99))** | \(Format.micros(f.p50)) | \(Format.micros(f.p99)) "
            out += "| **\(Format.ratio(r.p50, f.p50))** | \(Format.ratio(r.mean, f.mean)) "
            out += "| \(Format.grouped(r.count)) (\(m.passes) pass\(m.passes == 1 ? "" : "es")) |\n"
        }
        out += """

            The same samples split by what the resolve did (from a traced pass with explain on): \
            no FTS query (answered or refused by exact key, file name or an early refusal) or at least one.

            | catalog | resolve ran | names | resolved | resolve p50 | resolve p99 | floor p50 | floor p99 | resolve÷floor (p50) | statements (median / max) |
            |---|---|---:|---:|---:|---:|---:|---:|---:|---:|

            """
        for m in measurements where m.traced {
            for usedFTS in [false, true] {
                let chosen = Set(m.outcomes.indices.filter { m.outcomes[$0].usedFTS == usedFTS })
                guard !chosen.isEmpty else { continue }
                var rn: [UInt64] = [], fn: [UInt64] = []
                for (k, i) in m.sampleName.enumerated() where chosen.contains(Int(i)) {
                    rn.append(m.resolveNanos[k])
                    fn.append(m.floorNanos[k])
                }
                let r = Summary(rn), f = Summary(fn)
                let statements = chosen.map { m.outcomes[$0].statements }.sorted()
                let resolved = chosen.filter { m.outcomes[$0].resolved }.count
                out += "| \(m.spec.label) | \(usedFTS ? "FTS" : "no FTS") | \(Format.grouped(chosen.count)) "
                out += "| \(Format.percent(resolved, chosen.count)) "
                out += "| \(Format.micros(r.p50)) | \(Format.micros(r.p99)) | \(Format.micros(f.p50)) | \(Format.micros(f.p99)) "
                out += "| \(Format.ratio(r.p50, f.p50)) | \(statements[statements.count / 2]) / \(statements.last ?? 0) |\n"
            }
        }
        out += "\n"
        for m in measurements {
            var notes: [String] = []
            if m.namesWithoutQuery > 0 {
                notes.append("\(m.namesWithoutQuery) names have no title words: their floor runs no query")
            }
            if m.spec.kind == .realistic {
                var refusedLabelled = 0, refusedRight = 0, answeredRefusal = 0
                for (c, o) in zip(m.names, m.outcomes) {
                    switch c.label {
                    case .book: if !o.resolved { refusedLabelled += 1 }
                    case .refusal: if o.resolved { answeredRefusal += 1 } else { refusedRight += 1 }
                    case .none: break
                    }
                }
                let (right, wrong) = labelled(m)
                notes.append("""
                    against the cases' labels: \(right) right, \(wrong) another book, \(refusedLabelled) refused \
                    (of names labelled with a book); \(refusedRight) refused and \(answeredRefusal) answered (of names \
                    labelled as refusals)
                    """)
            }
            notes.append(String(format: "measured in %.0f s", m.seconds))
            out += "- \(m.spec.label): " + notes.joined(separator: "; ") + ".\n"
        }
        if let first = measurements.first {
            out += "\nThe floor's statement (read from the resolver's trace): `"
            out += first.floorSQL.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
            out += "`; its connection's settings, copied from the resolver's: "
            out += first.floorSettings.map { "`PRAGMA \($0.name) = \($0.value)`" }.joined(separator: ", ") + ".\n"
        }
        return out
    }

    /// Answers equal to the label, and answers of another book, among names
    /// labelled with a book.
    static func labelled(_ m: Measurement) -> (right: Int, wrong: Int) {
        var right = 0, wrong = 0
        for (c, o) in zip(m.names, m.outcomes) {
            guard case .book(let id) = c.label, o.resolved else { continue }
            if o.bookID == id { right += 1 } else { wrong += 1 }
        }
        return (right, wrong)
    }
}

extension Report {
    /// Writes `directory/KIND-BOOKS.tsv`: per name, the median of its resolve
    /// and floor samples (ns), whether the resolve ran FTS5, its statements,
    /// its method, and the name — slowest resolve first.
    static func writePerName(_ m: Measurement, directory: String) throws {
        var resolve: [Int32: [UInt64]] = [:], floor: [Int32: [UInt64]] = [:]
        for (k, i) in m.sampleName.enumerated() {
            resolve[i, default: []].append(m.resolveNanos[k])
            floor[i, default: []].append(m.floorNanos[k])
        }
        func median(_ v: [UInt64]?) -> UInt64 {
            guard let v, !v.isEmpty else { return 0 }
            return v.sorted()[v.count / 2]
        }
        var rows: [(UInt64, String)] = []
        for (i, c) in m.names.enumerated() {
            let o = m.outcomes[i]
            let r = median(resolve[Int32(i)])
            rows.append((r, "\(r)\t\(median(floor[Int32(i)]))\t\(o.usedFTS ? "fts" : "exact")\t\(o.statements)\t\(o.method.rawValue)\t\(c.name)"))
        }
        let text = "resolve_ns\tfloor_ns\tran\tstatements\tmethod\tname\n" + rows.sorted { $0.0 > $1.0 }.map(\.1).joined(separator: "\n") + "\n"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let path = directory + "/" + m.spec.kind.rawValue + "-" + String(m.spec.books) + ".tsv"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        log("[\(m.spec.label)] per-name medians written to \(path)")
    }
}
