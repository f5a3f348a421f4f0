import Foundation
import Testing
@testable import KickoffKit

@Suite("Work shared by threads")
struct SharedStateTests {
    /// Every index is worked on exactly once, by several threads at a time.
    @Test(arguments: [0, 1, 2, 7, 1_000])
    func everyIndexRunsOnce(count: Int) {
        let seen = Slots<Int>(count: count)
        let threads = Slots<ObjectIdentifier>(count: count)
        Workers.forEach(count, threads: 4) { index in
            seen[index] = (seen[index] ?? 0) + 1
            threads[index] = ObjectIdentifier(Thread.current)
            if index % 50 == 0 { usleep(1_000) } // a worker waiting, as for the file system
        }
        #expect(seen.values.allSatisfy { $0 == 1 })
        if count == 1_000 { #expect(Set(threads.values.compactMap { $0 }).count > 1, "the work was spread over threads") }
    }

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
