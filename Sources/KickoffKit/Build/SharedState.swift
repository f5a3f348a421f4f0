import Foundation

/// A count shared by concurrent workers.
final class Counter: @unchecked Sendable {
    private var value = 0
    private let lock = NSLock()

    /// Adds one and returns the new count.
    func increment() -> Int { lock.withLock { value += 1; return value } }
}

/// Results of concurrent workers handed on in the order of their indexes, each as soon as every earlier one
/// is in: only the ones that finished early wait.
final class InOrder<Value>: @unchecked Sendable {
    private var waiting: [Int: Value] = [:]
    private var next = 0
    private let deliver: (Value) -> Void
    private let lock = NSLock()

    init(deliver: @escaping (Value) -> Void) { self.deliver = deliver }

    /// The result of worker `index`; delivers it and every later one already in, in order.
    func put(_ index: Int, _ value: Value) {
        lock.withLock {
            waiting[index] = value
            while let ready = waiting.removeValue(forKey: next) {
                deliver(ready)
                next += 1
            }
        }
    }
}

/// Values computed once and shared by concurrent workers, up to `limit` entries.
final class SharedCache<Key: Hashable, Value>: @unchecked Sendable {
    private var storage: [Key: Value] = [:]
    private let lock = NSLock()
    private let limit: Int

    init(limit: Int) { self.limit = limit }

    /// The value for `key`, made by `make` the first time (outside the lock, so workers never wait on it).
    func value(for key: Key, make: () -> Value) -> Value {
        if let known = lock.withLock({ storage[key] }) { return known }
        let made = make()
        lock.withLock { if storage.count < limit { storage[key] = made } }
        return made
    }
}

/// Fixed slots that concurrent workers fill, each its own index.
final class Slots<Value>: @unchecked Sendable {
    private var storage: [Value?]
    private let lock = NSLock()

    init(count: Int) { storage = Array(repeating: nil, count: count) }

    subscript(index: Int) -> Value? {
        get { lock.withLock { storage[index] } }
        set { lock.withLock { storage[index] = newValue } }
    }

    /// Every slot, in order.
    var values: [Value?] { lock.withLock { storage } }
}
