import HeapModule

/// Step 2: an order that respects prerequisites; ties go to the earlier phase, then the flow's order.
enum Ordering {
    static func order(_ selected: Set<String>, in flow: ProductFlow) -> [Step] {
        let phaseIndex = flow.phaseIndex
        let steps = flow.steps.filter { selected.contains($0.id) }
        let position = Dictionary(uniqueKeysWithValues: steps.enumerated().map { ($1.id, $0) })
        // Sort key: phase, then flow order. Kahn's algorithm always takes the smallest ready key.
        func key(_ index: Int) -> OrderKey { OrderKey(phase: phaseIndex[steps[index].phase]!, position: index) }

        var waitingOn = steps.map { $0.after.filter { position[$0] != nil }.count }
        var dependents = Array(repeating: [Int](), count: steps.count)
        for (index, step) in steps.enumerated() {
            for prerequisite in step.after { if let p = position[prerequisite] { dependents[p].append(index) } }
        }
        var ready = Heap<OrderKey>()
        for index in steps.indices where waitingOn[index] == 0 { ready.insert(key(index)) }
        var ordered: [Step] = []
        ordered.reserveCapacity(steps.count)
        while let next = ready.popMin() {
            let index = next.position
            ordered.append(steps[index])
            for dependent in dependents[index] {
                waitingOn[dependent] -= 1
                if waitingOn[dependent] == 0 { ready.insert(key(dependent)) }
            }
        }
        // Flows are checked for cycles when loaded, so every step is ordered.
        return ordered
    }
}

/// Which ready step goes first: the earlier phase, then the earlier place in the flow.
struct OrderKey: Comparable {
    let phase: Int
    let position: Int

    static func < (lhs: OrderKey, rhs: OrderKey) -> Bool { (lhs.phase, lhs.position) < (rhs.phase, rhs.position) }
}
