/// Step 1 of building a plan: which steps of the flow matter for this account, and why.
enum Selection {
    /// Selected step ids with their reasons, in flow order.
    static func select(flow: ProductFlow, profile: AccountProfile) -> [String: [SelectionReason]] {
        let painIDs = Set(profile.painPoints.map(\.id))
        let goalIDs = Set(profile.goals.map(\.id))
        let doneIDs = Set(profile.progress.map(\.step))
        var reasons: [String: [SelectionReason]] = [:]

        for step in flow.steps {
            var why: [SelectionReason] = []
            if step.required { why.append(SelectionReason(kind: .required)) }
            let forThisPersona = step.audience?.includes(profile.persona) ?? true
            if forThisPersona {
                why += step.solves.filter(painIDs.contains).map { SelectionReason(kind: .solves, id: $0) }
                why += step.serves.filter(goalIDs.contains).map { SelectionReason(kind: .serves, id: $0) }
            }
            if doneIDs.contains(step.id) { why.append(SelectionReason(kind: .done)) }
            if !why.isEmpty { reasons[step.id] = why }
        }

        // Every prerequisite of a selected step, transitively, whoever its audience is.
        let byID = Dictionary(uniqueKeysWithValues: flow.steps.map { ($0.id, $0) })
        var queue = flow.steps.map(\.id).filter { reasons[$0] != nil }
        var position = 0
        while position < queue.count {
            let step = byID[queue[position]]!
            position += 1
            for prerequisite in step.after {
                let reason = SelectionReason(kind: .prerequisite, id: step.id)
                if reasons[prerequisite] == nil {
                    reasons[prerequisite] = [reason]
                    queue.append(prerequisite)
                } else if !reasons[prerequisite]!.contains(reason), reasons[prerequisite]!.count < 20 {
                    reasons[prerequisite]!.append(reason)
                }
            }
        }
        return reasons
    }
}

/// Step 2: an order that respects prerequisites; ties go to the earlier phase, then the flow's order.
enum Ordering {
    static func order(_ selected: Set<String>, in flow: ProductFlow) -> [Step] {
        let phaseIndex = flow.phaseIndex
        let steps = flow.steps.filter { selected.contains($0.id) }
        let position = Dictionary(uniqueKeysWithValues: steps.enumerated().map { ($1.id, $0) })
        // Sort key: phase, then flow order. Kahn's algorithm always takes the smallest ready key.
        func key(_ index: Int) -> (Int, Int) { (phaseIndex[steps[index].phase]!, index) }

        var waitingOn = steps.map { $0.after.filter { position[$0] != nil }.count }
        var dependents = Array(repeating: [Int](), count: steps.count)
        for (index, step) in steps.enumerated() {
            for prerequisite in step.after { if let p = position[prerequisite] { dependents[p].append(index) } }
        }
        var ready = Heap<(Int, Int)>(by: <)
        for index in steps.indices where waitingOn[index] == 0 { ready.push(key(index)) }
        var ordered: [Step] = []
        ordered.reserveCapacity(steps.count)
        while let (_, index) = ready.pop() {
            ordered.append(steps[index])
            for dependent in dependents[index] {
                waitingOn[dependent] -= 1
                if waitingOn[dependent] == 0 { ready.push(key(dependent)) }
            }
        }
        // Flows are checked for cycles when loaded, so every step is ordered.
        return ordered
    }
}

/// A binary min-heap.
struct Heap<Element> {
    private var items: [Element] = []
    private let less: (Element, Element) -> Bool

    init(by less: @escaping (Element, Element) -> Bool) { self.less = less }

    var isEmpty: Bool { items.isEmpty }

    mutating func push(_ element: Element) {
        items.append(element)
        var child = items.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard less(items[child], items[parent]) else { break }
            items.swapAt(child, parent)
            child = parent
        }
    }

    mutating func pop() -> Element? {
        guard !items.isEmpty else { return nil }
        items.swapAt(0, items.count - 1)
        let top = items.removeLast()
        var parent = 0
        while true {
            let left = 2 * parent + 1, right = left + 1
            var smallest = parent
            if left < items.count, less(items[left], items[smallest]) { smallest = left }
            if right < items.count, less(items[right], items[smallest]) { smallest = right }
            if smallest == parent { break }
            items.swapAt(parent, smallest)
            parent = smallest
        }
        return top
    }
}
