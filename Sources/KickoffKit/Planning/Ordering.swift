import HeapModule

/// Step 2: an order that respects prerequisites; ties go to the earlier phase, then the flow's order.
enum Ordering {
    /// The steps at `chosen` (places in `flow.steps`, in the flow's order), ordered; as places in `flow.steps`.
    static func order(_ chosen: [Int], in flow: ProductFlow) -> [Int] {
        let phaseIndex = flow.phaseIndex
        // Each flow step's place among the chosen ones, or -1.
        var rank = [Int](repeating: -1, count: flow.steps.count)
        for (index, position) in chosen.enumerated() { rank[position] = index }
        // Sort key: phase, then flow order. Kahn's algorithm always takes the smallest ready key.
        func key(_ index: Int) -> OrderKey { OrderKey(phase: phaseIndex[flow.steps[chosen[index]].phase]!, position: index) }

        var waitingOn = [Int](repeating: 0, count: chosen.count)
        var dependents = Array(repeating: [Int](), count: chosen.count)
        for (index, position) in chosen.enumerated() {
            for prerequisite in flow.prerequisitePositions[position] {
                let before = rank[prerequisite]
                if before >= 0 {
                    waitingOn[index] += 1
                    dependents[before].append(index)
                }
            }
        }
        var ready = Heap<OrderKey>()
        for index in chosen.indices where waitingOn[index] == 0 { ready.insert(key(index)) }
        var ordered: [Int] = []
        ordered.reserveCapacity(chosen.count)
        while let next = ready.popMin() {
            let index = next.position
            ordered.append(chosen[index])
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
