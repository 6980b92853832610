import TomeCatalog

extension CandidateRecord {
    /// True when the name's last token `token`, read as `number`, may be the
    /// book's volume: equal numbers, and a zero-padded number of three digits
    /// or more (`001`, `0003`, which may be a chapter) only for a comic issue.
    /// (``VolumeRule`` prices it; ``TitleRule`` counts it as explaining the
    /// rest of a title's part.)
    func mayBeVolume(trailing token: String, _ number: Double) -> Bool {
        guard Double(token) == number, volume == number else { return false }
        if token.first == "0", token.count >= 3 { return bookType == .comic }
        return true
    }
}
