import Foundation

/// A count shared by concurrent workers.
final class Counter: @unchecked Sendable {
    private var value = 0
    private let lock = NSLock()

    /// Adds one and returns the new count.
    func increment() -> Int { lock.withLock { value += 1; return value } }
}

/// Fixed slots that concurrent workers fill, each its own index.
final class ResultSlots<Value>: @unchecked Sendable {
    private var storage: [Value?]
    private let lock = NSLock()

    init(count: Int) { storage = Array(repeating: nil, count: count) }

    subscript(index: Int) -> Value? {
        get { lock.withLock { storage[index] } }
        set { lock.withLock { storage[index] = newValue } }
    }

    var values: [Value?] { lock.withLock { storage } }
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
