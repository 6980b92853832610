import Testing
@testable import TomeFilename

/// One input of the lexer and the exact tokens it must produce.
///
/// Tokens are written compactly, `kind(text)`: `word(Dune)`, `num(075.5)`,
/// `sep( - )`, `group([Group])`, `cjk(進撃の巨人)`, `sym(#)`. The kinds are
/// those of ``FilenameToken/Kind``. Expectations follow the lexer's documented
/// contract (what each kind is made of), not its current output.
struct LexRow: Sendable, CustomTestStringConvertible {
    var input: String
    var tokens: [String]
    /// Lex brackets as groups (the default) or as symbols.
    var groups: Bool

    init(_ input: String, _ tokens: [String], groups: Bool = true) {
        self.input = input
        self.tokens = tokens
        self.groups = groups
    }

    var testDescription: String {
        let shown = input.unicodeScalars.count > 60 ? String(input.prefix(40)) + "…(\(input.utf8.count) bytes)" : input
        return shown.debugDescription + (groups ? "" : " (no groups)")
    }
}

extension FilenameToken {
    /// A compact, readable form of the token: its kind and its text,
    /// `word(Dune)`.
    var compact: String {
        let kind: String
        switch self.kind {
        case .word: kind = "word"
        case .number: kind = "num"
        case .separator: kind = "sep"
        case .group: kind = "group"
        case .cjk: kind = "cjk"
        case .symbol: kind = "sym"
        }
        return "\(kind)(\(text))"
    }

    /// The compact tokens of `text`.
    static func lexed(_ text: String, groups: Bool = true) -> [String] {
        FilenameLexer.tokens(in: Substring(text), groups: groups).map(\.compact)
    }
}

@Suite("Lexer token table")
struct LexerTokenTableTests {
    typealias L = LexRow

    // Long inputs, with their expected tokens built the same way.
    static let longWord = String(repeating: "a", count: 100_000)
    static let repeatedWords = String(repeating: "Dune ", count: 5_000)
    static let deepBrackets = String(repeating: "[", count: 10_000) + "x" + String(repeating: "]", count: 10_000)
    static let unclosedBrackets = String(repeating: "(", count: 10_000) + "x"
    static let fatName = String(repeating: "The Way of Kings 01 ", count: 12)  // 240 bytes

    static let rows: [LexRow] = plain + separators + brackets + cjk + scripts + symbols + degenerate + long + formerDefects

    /// Rows that were known defects until the lexer was fixed (issue #9).
    static let formerDefects: [L] = [
        // Dates and versions stay whole numbers (`2019.05.01` is not 5.01),
        // and `・` separates kana runs.
        L("2019.05.01", ["num(2019)", "sep(.)", "num(05)", "sep(.)", "num(01)"]),
        L("v1.2.3", ["word(v)", "num(1)", "sep(.)", "num(2)", "sep(.)", "num(3)"]),
        L("ソードアート・オンライン", ["cjk(ソードアート)", "sep(・)", "cjk(オンライン)"]),
        // A full-width decimal point is a decimal point as much as `.` is:
        // `Ｖｏｌ．１０．５` is volume 10.5.
        L("１０．５", ["num(１０．５)"]),
    ]

    // MARK: Words and numbers

    static let plain: [L] = [
        L("Dune", ["word(Dune)"]),
        L("The Hunger Games", ["word(The)", "sep( )", "word(Hunger)", "sep( )", "word(Games)"]),
        L("Astérix", ["word(Astérix)"]),
        L("Poke\u{301}mon", ["word(Poke\u{301}mon)"]),  // a combining accent stays in the word
        L("1984", ["num(1984)"]),
        L("007", ["num(007)"]),
        L("075.5", ["num(075.5)"]),
        L("Vol. 10.25", ["word(Vol)", "sep(. )", "num(10.25)"]),
        L("1.234", ["num(1)", "sep(.)", "num(234)"]),  // three decimals: not a short decimal part
        L("02.2003", ["num(02)", "sep(.)", "num(2003)"]),  // month.year, not 2.2003
        L("12345.5", ["num(12345)", "sep(.)", "num(5)"]),  // five integer digits: no decimal part
        L("3.", ["num(3)", "sep(.)"]),
        L(".5", ["sep(.)", "num(5)"]),
        L("v12", ["word(v)", "num(12)"]),
        L("v3.5", ["word(v)", "num(3.5)"]),
        L("c001-008", ["word(c)", "num(001)", "sep(-)", "num(008)"]),
        L("3rd", ["num(3)", "word(rd)"]),
        L("20,000 Leagues", ["num(20)", "sep(,)", "num(000)", "sep( )", "word(Leagues)"]),
        L("One.Piece.v01.c001", ["word(One)", "sep(.)", "word(Piece)", "sep(.)", "word(v)", "num(01)", "sep(.)", "word(c)", "num(001)"]),
    ]

    // MARK: Separators

    static let separators: [L] = [
        L("a b", ["word(a)", "sep( )", "word(b)"]),
        L("a   b", ["word(a)", "sep(   )", "word(b)"]),
        L("Spider-Man", ["word(Spider)", "sep(-)", "word(Man)"]),
        L("Author - Title", ["word(Author)", "sep( - )", "word(Title)"]),
        L("a—b", ["word(a)", "sep(—)", "word(b)"]),
        L("Vol. 3 — Title", ["word(Vol)", "sep(. )", "num(3)", "sep( — )", "word(Title)"]),
        L("a – b", ["word(a)", "sep( – )", "word(b)"]),
        L("the_name_of", ["word(the)", "sep(_)", "word(name)", "sep(_)", "word(of)"]),
        L("a_-_b", ["word(a)", "sep(_-_)", "word(b)"]),
        L("Attack.on.Titan", ["word(Attack)", "sep(.)", "word(on)", "sep(.)", "word(Titan)"]),
        L("Herbert, Frank", ["word(Herbert)", "sep(, )", "word(Frank)"]),
        L("Dune: Messiah", ["word(Dune)", "sep(: )", "word(Messiah)"]),
        L("a;b", ["word(a)", "sep(;)", "word(b)"]),
        L("v01~03", ["word(v)", "num(01)", "sep(~)", "num(03)"]),
        L("C++", ["word(C)", "sep(++)"]),
        L("a\tb", ["word(a)", "sep(\t)", "word(b)"]),
        L("ＮＡＲＵＴＯ\u{3000}第１巻", ["word(ＮＡＲＵＴＯ)", "sep(\u{3000})", "cjk(第)", "num(１)", "cjk(巻)"]),
        L("a－b", ["word(a)", "sep(－)", "word(b)"]),  // full-width hyphen
        L("a...b", ["word(a)", "sep(...)", "word(b)"]),
    ]

    // MARK: Brackets

    static let brackets: [L] = [
        L("(Digital)", ["group((Digital))"]),
        L("[Group] Berserk", ["group([Group])", "sep( )", "word(Berserk)"]),
        L("{r2}", ["group({r2})"]),
        L("Dune (1965)", ["word(Dune)", "sep( )", "group((1965))"]),
        L("[a [b] c] d", ["group([a [b] c])", "sep( )", "word(d)"]),
        L("(a [b) c]", ["group((a [b))", "sep( )", "word(c)", "sym(])"]),  // only the opener's own pair counts
        L("Dune (Frank Herbert", ["word(Dune)", "sep( )", "group((Frank Herbert)"]),  // unclosed: to the end
        L("Dune) x", ["word(Dune)", "sym())", "sep( )", "word(x)"]),
        L("[a [b] c", ["group([a [b] c)"]),
        L("()", ["group(())"]),
        L("【Group】ＮＡＲＵＴＯ", ["group(【Group】)", "word(ＮＡＲＵＴＯ)"]),
        L("進撃の巨人（２）", ["cjk(進撃の巨人)", "group(（２）)"]),
        L("［a］｛b｝〔c〕", ["group(［a］)", "group(｛b｝)", "group(〔c〕)"]),
        L("「涼宮」", ["sym(「)", "cjk(涼宮)", "sym(」)"]),  // Japanese quotes enclose titles, not tags
        L("[Group] Title (2003)", ["sym([)", "word(Group)", "sym(])", "sep( )", "word(Title)", "sep( )", "sym(()", "num(2003)", "sym())"], groups: false),
    ]

    // MARK: Chinese, Japanese, Korean

    static let cjk: [L] = [
        L("ダンジョン飯 1巻", ["cjk(ダンジョン飯)", "sep( )", "num(1)", "cjk(巻)"]),
        L("第2卷", ["cjk(第)", "num(2)", "cjk(卷)"]),
        L("進撃の巨人第3巻", ["cjk(進撃の巨人)", "cjk(第)", "num(3)", "cjk(巻)"]),
        L("鬼滅の刃 1-23巻", ["cjk(鬼滅の刃)", "sep( )", "num(1)", "sep(-)", "num(23)", "cjk(巻)"]),
        L("三体 第1册", ["cjk(三体)", "sep( )", "cjk(第)", "num(1)", "cjk(册)"]),
        L("第10話", ["cjk(第)", "num(10)", "cjk(話)"]),
        L("斗破苍穹 第100话", ["cjk(斗破苍穹)", "sep( )", "cjk(第)", "num(100)", "cjk(话)"]),
        L("ONE PIECE 第1巻", ["word(ONE)", "sep( )", "word(PIECE)", "sep( )", "cjk(第)", "num(1)", "cjk(巻)"]),
        L("Dr.スランプ", ["word(Dr)", "sep(.)", "cjk(スランプ)"]),
        L("ドラゴンボールZ", ["cjk(ドラゴンボール)", "word(Z)"]),
        L("ｱｷﾗ", ["cjk(ｱｷﾗ)"]),  // half-width katakana
        L("刘慈欣 - 三体", ["cjk(刘慈欣)", "sep( - )", "cjk(三体)"]),
        L("나 혼자만 레벨업 1권", ["cjk(나)", "sep( )", "cjk(혼자만)", "sep( )", "cjk(레벨업)", "sep( )", "num(1)", "cjk(권)"]),
        L("제3권", ["cjk(제)", "num(3)", "cjk(권)"]),
        L("전지적 독자 시점 7.5권", ["cjk(전지적)", "sep( )", "cjk(독자)", "sep( )", "cjk(시점)", "sep( )", "num(7.5)", "cjk(권)"]),
        L("13화", ["num(13)", "cjk(화)"]),
        // Marker characters are always tokens of their own, even inside a word.
        L("화산귀환", ["cjk(화)", "cjk(산귀환)"]),
        L("童話", ["cjk(童)", "cjk(話)"]),
        L("1～3巻", ["num(1)", "sep(～)", "num(3)", "cjk(巻)"]),
        L("ソード、アート。", ["cjk(ソード)", "sep(、)", "cjk(アート)", "sep(。)"]),
    ]

    // MARK: Other scripts, full-width

    static let scripts: [L] = [
        L("Берсерк Том 2", ["word(Берсерк)", "sep( )", "word(Том)", "sep( )", "num(2)"]),
        L("Война и мир", ["word(Война)", "sep( )", "word(и)", "sep( )", "word(мир)"]),
        L("ألف ليلة", ["word(ألف)", "sep( )", "word(ليلة)"]),
        L("Vol ٣", ["word(Vol)", "sep( )", "num(٣)"]),  // Arabic-Indic digit
        L("１２", ["num(１２)"]),
        L("第１０２巻", ["cjk(第)", "num(１０２)", "cjk(巻)"]),
        L("Ｖｏｌ．５", ["word(Ｖｏｌ)", "sep(．)", "num(５)"]),
        L("Rocky Ⅱ", ["word(Rocky)", "sep( )", "word(Ⅱ)"]),  // a Roman numeral letter, not a digit
    ]

    // MARK: Apostrophes and symbols

    static let symbols: [L] = [
        L("Vance's", ["word(Vance's)"]),
        L("Vance’s", ["word(Vance’s)"]),
        L("'Salem's Lot", ["sym(')", "word(Salem's)", "sep( )", "word(Lot)"]),
        L("Finnegans' Wake", ["word(Finnegans)", "sym(')", "sep( )", "word(Wake)"]),
        L("#12", ["sym(#)", "num(12)"]),
        L("Saga # 3", ["word(Saga)", "sep( )", "sym(#)", "sep( )", "num(3)"]),
        L("Tom & Jerry", ["word(Tom)", "sep( )", "sym(&)", "sep( )", "word(Jerry)"]),
        L("Yotsuba&!", ["word(Yotsuba)", "sym(&)", "sym(!)"]),
        L("Haikyu!!", ["word(Haikyu)", "sym(!)", "sym(!)"]),
        L("Ranma ½", ["word(Ranma)", "sep( )", "sym(½)"]),
        L("№ 4", ["sym(№)", "sep( )", "num(4)"]),
        L("11/22/63", ["num(11)", "sym(/)", "num(22)", "sym(/)", "num(63)"]),
        L("\"Dune\"*", ["sym(\")", "word(Dune)", "sym(\")", "sym(*)"]),
        L("a📚b", ["word(a)", "sym(📚)", "word(b)"]),
    ]

    // MARK: Degenerate input

    static let degenerate: [L] = [
        L("", []),
        L(" ", ["sep( )"]),
        L(" \t\u{3000} ", ["sep( \t\u{3000} )"]),
        L("\u{0}", ["sep(\u{0})"]),
        L("Du\u{0}ne", ["word(Du)", "sep(\u{0})", "word(ne)"]),
        L("\u{FFFD}", ["sym(\u{FFFD})"]),
    ]

    // MARK: Very long names

    static let long: [L] = [
        L(longWord, ["word(\(longWord))"]),
        L(repeatedWords, Array(repeating: ["word(Dune)", "sep( )"], count: 5_000).flatMap { $0 }),
        L(deepBrackets, ["group(\(deepBrackets))"]),
        L(unclosedBrackets, ["group(\(unclosedBrackets))"]),
        L(fatName, Array(repeating: ["word(The)", "sep( )", "word(Way)", "sep( )", "word(of)", "sep( )", "word(Kings)", "sep( )", "num(01)", "sep( )"], count: 12).flatMap { $0 }),
    ]

    @Test(arguments: rows)
    func lexes(_ row: LexRow) {
        let got = FilenameToken.lexed(row.input, groups: row.groups)
        #expect(got == row.tokens)
    }

    /// Tokens cover the input exactly: in order, without gaps or overlaps,
    /// and their spans are UTF-8 offsets from `offset`.
    @Test(arguments: rows)
    func tokensTileTheInput(_ row: LexRow) {
        let offset = 7
        let tokens = FilenameLexer.tokens(in: Substring(row.input), offset: offset, groups: row.groups)
        #expect(tokens.map(\.text).joined() == row.input)
        var position = offset
        for token in tokens {
            #expect(token.span.start == position)
            #expect(token.span.end == position + token.text.utf8.count)
            position = token.span.end
        }
        #expect(position == offset + row.input.utf8.count)
    }

    @Test func tableIsLargeAndDistinct() {
        #expect(Self.rows.count >= 40)
        #expect(Set(Self.rows.map { "\($0.input)|\($0.groups)" }).count == Self.rows.count)
    }

    // MARK: Number values, attachment and group contents

    /// The token at `index` of `input`: its numeric value and digit count, and
    /// whether it is glued to the token before.
    struct Detail: Sendable, CustomTestStringConvertible {
        var input: String
        var index: Int
        var value: Double?
        var digits: Int
        var attached: Bool
        var inner: String?
        init(_ input: String, _ index: Int, value: Double? = nil, digits: Int = 0, attached: Bool, inner: String? = nil) {
            self.input = input
            self.index = index
            self.value = value
            self.digits = digits
            self.attached = attached
            self.inner = inner
        }
        var testDescription: String { "\(input.debugDescription) #\(index)" }
    }

    static let details: [Detail] = [
        Detail("075.5", 0, value: 75.5, digits: 3, attached: false),
        Detail("v012", 1, value: 12, digits: 3, attached: true),
        Detail("v 12", 2, value: 12, digits: 2, attached: false),
        Detail("１２", 0, value: 12, digits: 2, attached: false),
        Detail("Vol ٣", 2, value: 3, digits: 1, attached: false),
        Detail("7.5권", 0, value: 7.5, digits: 1, attached: false),
        Detail("7.5권", 1, attached: true),
        Detail("第１０２巻", 1, value: 102, digits: 3, attached: true),
        Detail("Dune 1965", 2, value: 1965, digits: 4, attached: false),
        Detail("c2c", 2, attached: true),
        Detail("Title (2003)", 2, attached: false, inner: "2003"),
        Detail("[a [b] c]", 0, attached: false, inner: "a [b] c"),
        Detail("x(unclosed", 1, attached: true, inner: "unclosed"),
        Detail("進撃の巨人（２）", 1, attached: true, inner: "２"),
    ]

    @Test(arguments: details)
    func tokenDetails(_ row: Detail) throws {
        let tokens = FilenameLexer.tokens(in: Substring(row.input))
        try #require(row.index < tokens.count)
        let t = tokens[row.index]
        #expect(t.value == row.value)
        #expect(t.digitCount == row.digits)
        #expect(t.attached == row.attached)
        #expect(t.inner == row.inner)
    }
}

/// The lexer answers ASCII scalars from a table: it must say what the
/// general definitions say, for each of the 128.
@Suite("Lexer ASCII classes")
struct LexerASCIIClassTests {
    @Test func theTableAgreesWithTheDefinitions() {
        for value in 0..<128 {
            let s = Unicode.Scalar(UInt8(value))
            #expect(FilenameLexer.isBlank(s) == FilenameLexer.generalIsBlank(s), "blank \(value)")
            #expect(FilenameLexer.isSeparator(s) == FilenameLexer.generalIsSeparator(s), "separator \(value)")
            #expect(FilenameLexer.isDigit(s) == FilenameLexer.generalIsDigit(s), "digit \(value)")
            #expect(FilenameLexer.isLetter(s) == FilenameLexer.generalIsLetter(s), "letter \(value)")
        }
    }
}
