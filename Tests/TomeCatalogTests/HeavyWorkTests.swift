import Testing
import TomeTestSupport

/// `.offTheCooperativePool` moves a test off Swift's cooperative pool, and
/// only the tests that carry it.
@Suite("Test support: heavy work off the cooperative pool")
struct HeavyWorkTests {
    @Test(.offTheCooperativePool) func aTestWithTheTraitRunsOnItsOwnThreads() async {
        #expect(HeavyWorkExecutor.isCurrent)
        // So do its child tasks.
        async let child = HeavyWorkExecutor.isCurrent
        #expect(await child)
    }

    @Test func aTestWithoutItRunsOnThePool() {
        #expect(!HeavyWorkExecutor.isCurrent)
    }
}
