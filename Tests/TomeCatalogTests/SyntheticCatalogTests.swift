import Foundation
import Testing
import TomeCatalog
import TomeSynthetic

/// `SyntheticCatalog(firstID:)` (`tome-resolve generate --first-id`) renumbers
/// the same books and changes nothing else but the `(id)` in each file's path.
@Test func syntheticFirstIDOnlyRenumbers() {
    let plain = Array(SyntheticCatalog(count: 300))
    let shifted = Array(SyntheticCatalog(count: 300, firstID: 10_001))
    #expect(plain.map(\.id) == Array(1...300))
    #expect(shifted.map(\.id) == Array(10_001...10_300))
    for (a, b) in zip(plain, shifted) {
        var renumbered = b
        renumbered.id = a.id
        renumbered.files = b.files.map { file in
            var f = file
            f.path = f.path.replacingOccurrences(of: "(\(b.id))", with: "(\(a.id))")
            return f
        }
        #expect(renumbered == a)
    }
    var source = SyntheticCatalog(count: 2, firstID: 500)
    _ = source.next()
    #expect(source.position == 1)
}
