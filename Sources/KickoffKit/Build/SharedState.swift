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

/// Objects each thread makes once and keeps for itself, by key: what is slow to make and unsafe to share (ICU
/// date formatters). Read through a pthread key, where `Thread.current.threadDictionary` bridged the key to
/// `NSString` and cast the value back for every lookup (67,000 instructions for one account's formats).
enum PerThread {
    /// This thread's objects.
    private final class Store {
        var objects: [String: AnyObject] = [:]
    }

    /// The key under which each thread finds its `Store`; the store is released when its thread ends.
    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        let created = pthread_key_create(&key) { store in
            if let store { Unmanaged<AnyObject>.fromOpaque(store).release() }
        }
        precondition(created == 0, "no pthread key for per-thread objects")
        return key
    }()

    /// This thread's object for `key`, made by `make` the first time this thread asks.
    static func object<Object: AnyObject>(for key: String, make: () -> Object) -> Object {
        let store: Store
        if let raw = pthread_getspecific(Self.key) {
            store = Unmanaged<Store>.fromOpaque(raw).takeUnretainedValue()
        } else {
            store = Store()
            pthread_setspecific(Self.key, Unmanaged.passRetained(store).toOpaque())
        }
        if let made = store.objects[key] as? Object { return made }
        let made = make()
        store.objects[key] = made
        return made
    }
}
