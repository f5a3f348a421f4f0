import Foundation
import Testing
@testable import KickoffKit

@Suite("Objects kept per thread")
struct SharedStateTests {
    final class Box { let value: Int; init(_ value: Int) { self.value = value } }

    /// A thread gets back the object it made; another thread makes its own.
    @Test func eachThreadKeepsItsOwnObject() {
        let key = "test-\(UUID().uuidString)"
        let first = PerThread.object(for: key) { Box(1) }
        let again = PerThread.object(for: key) { Box(2) }
        #expect(first === again)
        let other = Slots<Int>(count: 1)
        let done = DispatchSemaphore(value: 0)
        Thread {
            other[0] = PerThread.object(for: key) { Box(3) }.value
            done.signal()
        }.start()
        done.wait()
        #expect(other[0] == 3)
        #expect(PerThread.object(for: key) { Box(4) }.value == 1)
    }
}
