// CJK volume and chapter markers: `第04巻`, `第 04 巻`, `卷2`, `제3권`, `第三卷`.

extension MarkerMatcher {
    /// The value of a run of CJK numerals (`三`, `十二`, `二十五`), up to 99.
    static func cjkNumeral(_ text: String) -> Double? {
        let digits: [Character: Int] = ["一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "〇": 0, "零": 0]
        guard !text.isEmpty, text.count <= 3 else { return nil }
        var total = 0, current = 0
        for ch in text {
            if ch == "十" {
                total += (current == 0 ? 1 : current) * 10
                current = 0
            } else if let d = digits[ch] {
                current = d
            } else {
                return nil
            }
        }
        let value = total + current
        return value > 0 ? Double(value) : nil
    }

    /// A marker that starts with a CJK run: `卷2`, `제3권`, `第三卷`, `卷一`, `第12話`.
    static func matchCJK(_ tokens: [FilenameToken], at i: Int, removed: [Bool]) -> MarkerMatch? {
        let t = tokens[i]
        func isRemoved(_ j: Int) -> Bool { j < removed.count && removed[j] }
        func token(_ j: Int) -> FilenameToken? { j < tokens.count && !isRemoved(j) ? tokens[j] : nil }

        switch () {
        case _ where (cjkVolume.contains(t.text) || t.text == "제") && token(i + 1)?.kind == .number:
            // `卷2` (the marker first), `제3권` (Korean's 第).
            guard let n = token(i + 1), n.kind == .number, n.attached,
                  var match = number(tokens, at: i + 1, kind: .volume, form: .cjkMarker, removed: removed, allowCJKSuffix: true)
            else { return nil }
            if match.end < tokens.count, !isRemoved(match.end), tokens[match.end].kind == .cjk, tokens[match.end].attached {
                let suffix = tokens[match.end].text
                if cjkVolume.contains(suffix) { match.end += 1 }
                else if cjkChapter.contains(suffix) { match.kind = .chapter; match.end += 1 }
                else if t.text == "제" { return nil }
            } else if t.text == "제" {
                return nil
            }
            return match
        case _ where t.text == "第" && token(i + 1).map({ $0.kind == .cjk && $0.attached && cjkNumeral($0.text) != nil }) == true:
            // `第三卷`, `第十二巻`: numerals in characters.
            guard let n = token(i + 1), let value = cjkNumeral(n.text), let suffix = token(i + 2), suffix.attached,
                  suffix.kind == .cjk else { return nil }
            if cjkVolume.contains(suffix.text) { return MarkerMatch(kind: .volume, form: .cjkMarker, value: value, end: i + 3) }
            if cjkChapter.contains(suffix.text) || cjkChapterAfterOrdinal.contains(suffix.text) {
                return MarkerMatch(kind: .chapter, form: .cjkMarker, value: value, end: i + 3)
            }
            return nil
        case _ where cjkVolume.contains(t.text) && token(i + 1).map({ $0.kind == .cjk && $0.attached && cjkNumeral($0.text) != nil }) == true:
            // `卷一`.
            guard let n = token(i + 1), let value = cjkNumeral(n.text) else { return nil }
            return MarkerMatch(kind: .volume, form: .cjkMarker, value: value, end: i + 2)
        case _ where t.text == "第" && token(i + 1).map({ $0.kind == .separator && isMarkerGap($0.text) }) == true:
            // `第 04 巻`: the same with spaces around the number.
            guard let n = token(i + 2), n.kind == .number, var match = number(tokens, at: i + 2, kind: .volume, form: .cjkMarker,
                                                                              removed: removed, allowCJKSuffix: true),
                  match.range == nil else { return nil }
            var j = match.end
            if let gap = token(j), gap.kind == .separator, isMarkerGap(gap.text) { j += 1 }
            guard let suffix = token(j), suffix.kind == .cjk else { return nil }
            if cjkVolume.contains(suffix.text) { match.end = j + 1; return match }
            if cjkChapter.contains(suffix.text) || cjkChapterAfterOrdinal.contains(suffix.text) {
                match.kind = .chapter
                match.end = j + 1
                return match
            }
            return nil
        case _ where t.text == "第":
            guard let n = token(i + 1), n.kind == .number, n.attached,
                  var match = number(tokens, at: i + 1, kind: .volume, form: .cjkMarker, removed: removed, allowCJKSuffix: true) else { return nil }
            if match.kind == .volume, match.end < tokens.count, !isRemoved(match.end), tokens[match.end].kind == .cjk, tokens[match.end].attached {
                let suffix = tokens[match.end].text
                if cjkVolume.contains(suffix) { match.end += 1 }
                else if cjkChapter.contains(suffix) || cjkChapterAfterOrdinal.contains(suffix) { match.kind = .chapter; match.end += 1 }
                else if cjkEdition.contains(suffix) { match.kind = .noise; match.end += 1 }
                else if suffix.unicodeScalars.first.map({ $0 == "部" }) == true { return nil }
            }
            return match
        default:
            return nil
        }
    }
}
