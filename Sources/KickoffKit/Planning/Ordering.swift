import HeapModule

/// Step 2: an order that respects prerequisites; ties go to the earlier phase, then the flow's order.
enum Ordering {
    static func order(_ selected: Set<String>, in flow: ProductFlow) -> [Step] {
        let phaseIndex = flow.phaseIndex
        // The selected steps' places in the flow, in its order; a step is copied once, into the result.
        let chosen = flow.steps.indices.filter { selected.contains(flow.steps[$0].id) }
        let position = Dictionary(uniqueKeysWithValues: chosen.enumerated().map { (flow.steps[$1].id, $0) })
        // Sort key: phase, then flow order. Kahn's algorithm always takes the smallest ready key.
        func key(_ index: Int) -> OrderKey { OrderKey(phase: phaseIndex[flow.steps[chosen[index]].phase]!, position: index) }

        var waitingOn = chosen.map { flow.steps[$0].after.reduce(0) { $0 + (position[$1] != nil ? 1 : 0) } }
        var dependents = Array(repeating: [Int](), count: chosen.count)
        for (index, step) in chosen.enumerated() {
            for prerequisite in flow.steps[step].after { if let p = position[prerequisite] { dependents[p].append(index) } }
        }
        var ready = Heap<OrderKey>()
        for index in chosen.indices where waitingOn[index] == 0 { ready.insert(key(index)) }
        var ordered: [Step] = []
        ordered.reserveCapacity(chosen.count)
        while let next = ready.popMin() {
            let index = next.position
            ordered.append(flow.steps[chosen[index]])
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
