/// The volume. A volume the name states is authoritative: a book with
/// another index, or none, is disqualified (``Disqualification``). A number
/// that merely ends the name (`Berserk 02`) counts only when it equals the
/// book's volume (``Weights/trailingVolume``).
public enum VolumeRule {
    static func apply(_ s: inout ScoringState) {
        let c = s.candidate, e = s.evidence, v = s.view
        if let volume = e.volume {
            if c.volume == volume {
                s.add(.volume, Weights.volume, "volume \(fmt(volume))")
                s.volumeMatched = true
            } else if let own = c.volume {
                s.disqualification = .otherVolume(name: volume, book: own)
            } else {
                s.disqualification = .noVolume(name: volume)
            }
        } else if let number = e.trailingNumber, let last = v.tokens.indices.last, !s.explained[last],
                  v.tokens[last] == fmt(number), c.volume == number {
            s.add(.trailingVolume, Weights.trailingVolume, "volume \(fmt(number)) (trailing number)")
            s.explained[last] = true
            s.volumeMatched = true
        }
        if s.titleMethod == nil, s.seriesMatched, s.volumeMatched { s.titleMethod = .series }
    }
}
